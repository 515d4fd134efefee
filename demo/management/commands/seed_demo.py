"""Load the demo newsroom: sections, authors, articles and their photos, comments and four staff
logins."""

from collections import Counter
from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

import pagecache
from articles.html import sanitize_html
from articles.models import Article, Byline, Section
from authors.models import Author
from comments.models import Comment
from demo import content as demo
from photos.services import photo_create

REFUSAL = (
    "Demo users have the well-known password newsroom-demo; "
    "refusing to create them with DJANGO_DEBUG off."
)


def markup_to_html(text):
    """Turn the demo content's small markup (see demo.content) into HTML."""
    html = []
    for block in text.strip().split("\n\n"):
        lines = [line.strip() for line in block.strip().splitlines()]
        if not lines:
            continue
        if lines[0].startswith("## "):
            html.append(f"<h2>{' '.join(lines)[3:]}</h2>")
        elif lines[0].startswith("> "):
            html.append(f"<blockquote><p>{' '.join(lines)[2:]}</p></blockquote>")
        elif lines[0].startswith("- "):
            items = []
            for line in lines:
                if line.startswith("- "):
                    items.append(line[2:])
                else:
                    items[-1] += " " + line
            html.append("<ul>\n" + "\n".join(f"<li>{item}</li>" for item in items) + "\n</ul>")
        else:
            html.append(f"<p>{' '.join(lines)}</p>")
    return "\n".join(html)


def one_line(text):
    return " ".join(text.split())


class Command(BaseCommand):
    help = (
        "Load demo content for The Riverside Ledger, with staff logins admin, editor, reporter "
        "and moderator (password newsroom-demo). Safe to run again: existing items are kept. "
        "Refuses to run with DJANGO_DEBUG off."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once",
            action="store_true",
            help="Do nothing if the database already has articles (used by `make run`).",
        )

    def handle(self, *args, once=False, **options):
        # The logins' password is printed in the README and the Makefile: never on a real site.
        if not settings.DEBUG:
            raise CommandError(REFUSAL)
        if once and Article.objects.exists():
            self.stdout.write("Demo content already loaded.")
            return

        self.now = timezone.now()
        self.created = Counter()
        with transaction.atomic():
            users = self.seed_users()
            sections = self.seed_sections()
            authors = self.seed_authors(users)
            self.seed_articles(sections, authors, users)
            # Some rows are written with QuerySet.update(), which sends no signal.
            pagecache.changed("site")

        self.report()

    def seed_users(self):
        users = {}
        for spec in demo.USERS:
            user, created = User.objects.get_or_create(
                username=spec["username"],
                defaults={
                    "first_name": spec["first_name"],
                    "last_name": spec["last_name"],
                    "email": spec["email"],
                    "is_staff": True,
                    "is_superuser": spec["superuser"],
                },
            )
            if created:
                user.set_password(demo.DEMO_PASSWORD)
                user.save(update_fields=["password"])
                if spec["group"]:
                    # The groups come from the roles migration; a missing one is a real error.
                    user.groups.add(Group.objects.get(name=spec["group"]))
                self.created["users"] += 1
            users[spec["username"]] = user
        return users

    def seed_sections(self):
        sections = {}
        for spec in demo.SECTIONS:
            section, created = Section.objects.get_or_create(
                slug=spec["slug"],
                defaults={
                    "name": spec["name"],
                    "description": spec["description"],
                    "order": spec["order"],
                },
            )
            self.created["sections"] += created
            sections[spec["slug"]] = section
        return sections

    def seed_authors(self, users):
        authors = {}
        for spec in demo.AUTHORS:
            user = users.get(spec["user"])
            if user is not None and Author.objects.filter(user=user).exists():
                user = None  # That login already has a profile of its own; leave it be.
            author, created = Author.objects.get_or_create(
                slug=spec["slug"],
                defaults={
                    "name": spec["name"],
                    "job_title": spec["job_title"],
                    "bio": spec["bio"],
                    "user": user,
                },
            )
            self.created["authors"] += created
            authors[spec["slug"]] = author
        return authors

    def seed_articles(self, sections, authors, users):
        for spec in demo.ARTICLES:
            section = sections[spec["section"]]
            slug = slugify(spec["headline"])
            article = Article.objects.filter(section=section, slug=slug).first()
            if article is None:
                article = self.create_article(spec, slug, section, authors, users)
            for index, comment in enumerate(spec.get("comments", [])):
                self.seed_comment(article, comment, index, users["moderator"])

    def create_article(self, spec, slug, section, authors, users):
        status = spec.get("status", Article.Status.PUBLISHED)
        published_at = self.publication_time(spec) if status == Article.Status.PUBLISHED else None
        byline_authors = [authors[author_slug] for author_slug in spec["authors"]]
        created_by = next(
            (author.user for author in byline_authors if author.user), users["editor"]
        )
        article = Article.objects.create(
            headline=spec["headline"],
            slug=slug,
            dek=one_line(spec["dek"]),
            dateline=spec["dateline"],
            body=sanitize_html(markup_to_html(spec["body"])),
            section=section,
            status=status,
            published_at=published_at,
            comment_policy=spec.get("comment_policy", Article.CommentPolicy.OPEN),
            created_by=created_by,
            lead_photo=self.seed_photo(spec.get("photo"), users["editor"]),
        )
        for position, author in enumerate(byline_authors):
            Byline.objects.create(article=article, author=author, position=position)
        article.tags.add(*spec["tags"])

        # auto_now fields ignore assigned values; set believable history with update() instead.
        if published_at is not None and published_at <= self.now:
            updated_at = published_at + timedelta(hours=spec.get("updated_after", 0))
            Article.objects.filter(pk=article.pk).update(
                created_at=published_at - timedelta(hours=2, minutes=10),
                updated_at=min(updated_at, self.now),
            )
        elif published_at is None:
            created_at = self.now - timedelta(days=spec.get("created_days_ago", 1))
            Article.objects.filter(pk=article.pk).update(
                created_at=created_at, updated_at=max(created_at, self.now - timedelta(hours=3))
            )

        self.created["articles"] += 1
        if status != Article.Status.PUBLISHED:
            self.created[f"articles_{status}"] += 1
        elif published_at > self.now:
            self.created["articles_scheduled"] += 1
        return article

    def seed_photo(self, spec, uploaded_by):
        """The article's lead photo from demo/data/photos/, renditions and all; None without one."""
        if spec is None:
            return None
        with open(demo.PHOTOS / spec["file"], "rb") as image_file:
            photo = photo_create(
                image_file=File(image_file, name=spec["file"]),
                alt_text=spec["alt"],
                caption=spec["caption"],
                credit=spec["credit"],
                uploaded_by=uploaded_by,
            )
        self.created["photos"] += 1
        return photo

    def publication_time(self, spec):
        """A local time of day some days ago (or ahead), so the demo always looks current."""
        if "scheduled_in_days" in spec:
            ahead = self.now + timedelta(days=spec["scheduled_in_days"])
            return ahead.replace(minute=0, second=0, microsecond=0)
        days_ago, clock = spec["published"]
        hour, minute = (int(part) for part in clock.split(":"))
        day = timezone.localdate(self.now) - timedelta(days=days_ago)
        published_at = timezone.make_aware(datetime.combine(day, time(hour, minute)))
        # Today's story must not land in the future when the seed runs early in the morning.
        return min(published_at, self.now - timedelta(hours=1))

    def seed_comment(self, article, spec, index, moderator):
        comment, created = Comment.objects.get_or_create(
            article=article,
            name=spec["name"],
            body=spec["body"],
            defaults={
                "email": spec["email"],
                "url": spec.get("url", ""),
                "status": spec["status"],
                "ip_address": demo.IP_ADDRESSES[(article.pk + index) % len(demo.IP_ADDRESSES)],
                "user_agent": demo.USER_AGENTS[(article.pk + index) % len(demo.USER_AGENTS)],
            },
        )
        if not created:
            return
        after = timedelta(hours=spec["after"])
        created_at = article.published_at + after
        if created_at >= self.now:
            # A recent article: squeeze its comments into the time it has been up, in order.
            window = self.now - article.published_at
            created_at = article.published_at + window * (spec["after"] / (spec["after"] + 1))
        changes = {"created_at": created_at}
        if comment.status != Comment.Status.PENDING:
            changes["moderated_by"] = moderator
            changes["moderated_at"] = min(created_at + timedelta(minutes=35), self.now)
        Comment.objects.filter(pk=comment.pk).update(**changes)
        self.created["comments"] += 1
        self.created[f"comments_{comment.status}"] += 1

    def report(self):
        c = self.created
        if not any(c[key] for key in ("users", "sections", "authors", "articles", "comments")):
            self.stdout.write("Nothing to add: the demo content is already there.")
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Created {c['users']} users, {c['sections']} sections, "
                    f"{c['authors']} authors, {c['articles']} articles ({c['photos']} with a "
                    "lead photo) and "
                    f"{c['comments']} comments."
                )
            )
            if c["articles"]:
                published = (
                    c["articles"]
                    - c["articles_scheduled"]
                    - c["articles_review"]
                    - c["articles_draft"]
                )
                self.stdout.write(
                    f"  Articles: {published} published, {c['articles_scheduled']} scheduled, "
                    f"{c['articles_review']} in review, {c['articles_draft']} draft."
                )
            if c["comments"]:
                self.stdout.write(
                    f"  Comments: {c['comments_approved']} approved, "
                    f"{c['comments_pending']} pending, {c['comments_rejected']} rejected, "
                    f"{c['comments_spam']} spam."
                )
        self.stdout.write(
            "Demo logins (password newsroom-demo): admin, editor, reporter, moderator"
        )

"""Load the benchmark's data set: many published articles, bylines, tags and approved comments.

`make bench` runs this against a database of its own (newsroom_bench). The text is generated
filler, deterministic for a given --seed; dates are relative to now so everything is published.
Three articles have fixed slugs so the benchmark can find them:

- bench-article-50-comments    exactly 50 approved comments
- bench-article-200-comments   exactly 200 approved comments
- bench-article-comment-post   the article the benchmark posts comments to (they stay pending)

Author photos are skipped: not possible yet (this command makes no images); lead photos too.
"""

import json
import random
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag, TaggedItem

import pagecache
from articles.html import render_body, sanitize_html
from articles.models import Article, Byline, Section
from authors.models import Author
from comments.models import Comment

ARTICLE_50_SLUG = "bench-article-50-comments"
ARTICLE_200_SLUG = "bench-article-200-comments"
COMMENT_POST_SLUG = "bench-article-comment-post"
FIXED_SLUGS = (ARTICLE_50_SLUG, ARTICLE_200_SLUG, COMMENT_POST_SLUG)
BATCH_SIZE = 1000
# Share of ordinary articles that have comments at all; the rest have none.
COMMENTED_SHARE = 0.85

SECTION_NAMES = [
    "News", "Politics", "Business", "Environment", "Culture", "Sport", "Health", "Education",
    "Science", "Technology", "Opinion", "Weather", "Transport", "Housing", "Crime", "Courts",
    "Food", "Travel", "Arts", "Music", "Books", "Film", "Farming", "Energy", "Schools",
    "City Hall", "Rivers", "Community", "Obituaries", "Letters",
]  # fmt: skip
TAG_NAMES = [
    "flooding", "budget", "elections", "bridges", "schools", "housing", "ferries", "wildlife",
    "water quality", "libraries", "parking", "festivals", "zoning", "taxes", "hospitals",
    "rail", "fishing", "farm markets", "police", "fire service", "parks", "jobs", "tourism",
    "history", "weather", "energy", "courts", "youth sport", "arts funding", "roads",
]  # fmt: skip
FIRST_NAMES = [
    "Ana", "Tom", "Maya", "Jonas", "Priya", "Luis", "Grace", "Omar", "Ingrid", "Kwame",
    "Sofia", "Daniel", "Leila", "Marek", "Hannah", "Tariq", "Elena", "Samuel", "Yuki", "Ruth",
]  # fmt: skip
LAST_NAMES = [
    "Ruiz", "Berg", "Okafor", "Lindqvist", "Nair", "Moreau", "Kowalski", "Haddad", "Brennan",
    "Tanaka", "Osei", "Fischer", "Alvarez", "Novak", "Campbell", "Mensah", "Larsen", "Costa",
]  # fmt: skip
JOB_TITLES = [
    "Reporter", "Senior reporter", "Political correspondent", "Business editor",
    "Environment reporter", "Photographer", "Sports writer", "Health reporter", "Columnist",
]  # fmt: skip
PLACES = [
    "Millbrook", "Ashford Quay", "Riverside", "Eastmoor", "Kettle Falls", "Stonebridge",
    "Hollow Creek", "Upper Weir", "Lantern Bay", "Oakhurst",
]  # fmt: skip
SUBJECTS = [
    "council", "school board", "ferry operator", "water authority", "library trust",
    "farmers' market", "hospital", "rowing club", "chamber of commerce", "fire brigade",
]  # fmt: skip
VERBS = [
    "approves", "delays", "questions", "backs", "rejects", "reviews", "funds", "defends",
    "announces", "postpones",
]  # fmt: skip
OBJECTS = [
    "plan for a new river crossing", "budget for next year", "flood barrier upgrade",
    "summer timetable", "rent control proposal", "restoration of the old mill",
    "cycle lane on the embankment", "merger of two primary schools", "night bus trial",
    "wetland reserve extension",
]  # fmt: skip
FILLER_TEXT = """
the river council said on monday that the plan would go ahead after months of
debate among residents who live near the water and fear another winter of flooding
officials estimate the work will cost several million and take two years to finish
while local businesses hope the new crossing brings more visitors to the old town
a spokesperson for the authority added that the timetable depends on the weather
and on approval from the regional government which meets again next month
critics argue that the money could be better spent on schools housing and roads
supporters point to the success of similar projects in towns further downstream
where trade has grown and traffic on the narrow bridge has eased considerably
the mayor told reporters that every household will be consulted before the final
vote and that meetings will be held in the library the community hall and online
"""
WORDS = FILLER_TEXT.split()
USER_AGENTS = [
    "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Safari/605.1.15",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36",
]


def numbered(names, count):
    """The first `count` names, numbering repeats when more are asked for than the list has."""
    return [
        names[i % len(names)] + (f" {i // len(names) + 1}" if i >= len(names) else "")
        for i in range(count)
    ]


class Filler:
    """Deterministic news-like filler text from one random.Random."""

    def __init__(self, rng):
        self.rng = rng

    def sentence(self, low=8, high=22):
        words = self.rng.choices(WORDS, k=self.rng.randint(low, high))
        return " ".join(words).capitalize() + "."

    def paragraph(self):
        return " ".join(self.sentence() for _ in range(self.rng.randint(2, 5)))

    def body(self, words=600):
        """About `words` words of paragraphs, with a subheading part-way through."""
        target = self.rng.randint(int(words * 0.75), int(words * 1.15))
        paragraphs, count = [], 0
        while count < target:
            paragraph = self.paragraph()
            count += len(paragraph.split())
            paragraphs.append(f"<p>{paragraph}</p>")
        paragraphs.insert(len(paragraphs) // 2, f"<h2>{self.sentence(3, 6)[:-1]}</h2>")
        return "\n".join(paragraphs)

    def headline(self):
        rng = self.rng
        return (
            f"{rng.choice(PLACES)} {rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
        )


class Command(BaseCommand):
    help = (
        "Load the benchmark data set (2,000 published articles by default, with bylines, tags "
        "and approved comments) into an empty database, in one transaction. Does nothing when "
        "the bench data is already there. With --urls, print the pages the benchmark measures."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=2000, help="published articles")
        parser.add_argument("--sections", type=int, default=30)
        parser.add_argument("--tags", type=int, default=30)
        parser.add_argument("--authors", type=int, default=40)
        parser.add_argument(
            "--comments-per-article",
            type=int,
            default=20,
            help="approved comments on most articles (the fixed ones have 50 and 200)",
        )
        parser.add_argument("--words", type=int, default=600, help="about this many per body")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--urls",
            action="store_true",
            help="load nothing; print the measured pages' addresses as JSON",
        )

    def handle(self, *args, **options):
        if options["urls"]:
            self.stdout.write(json.dumps(self.urls()))
            return
        if options["articles"] < len(FIXED_SLUGS):
            raise CommandError(f"--articles must be at least {len(FIXED_SLUGS)}.")
        if options["sections"] < 1 or options["authors"] < 3 or options["tags"] < 4:
            raise CommandError("Give at least 1 section, 3 authors and 4 tags.")
        if Article.objects.filter(slug__in=FIXED_SLUGS).count() == len(FIXED_SLUGS):
            self.render_missing_bodies()
            self.refresh_statistics()  # Earlier runs' comment posts left rows behind.
            self.stdout.write("Bench data already loaded: nothing to do.")
            return
        if Article.objects.exists():
            raise CommandError(
                "This database already has articles that are not the bench data. bench_data "
                "fills a database of its own (make bench uses newsroom_bench)."
            )

        self.rng = random.Random(options["seed"])  # noqa: S311 (filler text, not secrets)
        self.filler = Filler(self.rng)
        self.now = timezone.now().replace(second=0, microsecond=0)
        with transaction.atomic():
            sections = self.create_sections(options["sections"])
            tags = self.create_tags(options["tags"])
            authors = self.create_authors(options["authors"])
            articles = self.create_articles(options["articles"], sections, options["words"])
            bylines = self.create_bylines(articles, authors)
            tagged = self.create_tagged_items(articles, tags)
            comments = self.create_comments(articles, options["comments_per_article"])
            # Bulk writes send no signals: whatever a cache holds from before is dropped.
            pagecache.changed("site")
        self.refresh_statistics()
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {len(sections)} sections, {len(tags)} tags, {len(authors)} authors, "
                f"{len(articles)} published articles, {bylines} bylines, {tagged} tag links "
                f"and {comments} approved comments."
            )
        )
        self.stdout.write("Author photos: skipped (not possible yet: bench_data makes no images).")

    def refresh_statistics(self):
        if connection.vendor == "postgresql":
            # Fresh planner statistics and visibility map, as a live database has from
            # autovacuum, rather than whatever it has got round to by the time the first page
            # is measured: counts of comments are read from their index alone then. (VACUUM
            # cannot run inside a transaction, as in the tests: there, statistics only.)
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")

    def render_missing_bodies(self):
        """Bodies loaded by an earlier bench_data without body_html: render them as save() does."""
        missing = list(Article.objects.filter(body_html=None).only("pk", "body"))
        for article in missing:
            article.body_html = render_body(article.body)
        if missing:
            with transaction.atomic():
                Article.objects.bulk_update(missing, ["body_html"], batch_size=BATCH_SIZE)
                pagecache.changed("site")
            self.stdout.write(f"Rendered {len(missing)} bodies stored without body_html.")

    def create_sections(self, count):
        sections = [
            Section(
                name=name,
                slug=slugify(name),
                description=f"{name} from the river towns.",
                order=index,
            )
            for index, name in enumerate(numbered(SECTION_NAMES, count))
        ]
        return Section.objects.bulk_create(sections, batch_size=BATCH_SIZE)

    def create_tags(self, count):
        tags = [Tag(name=name, slug=slugify(name)) for name in numbered(TAG_NAMES, count)]
        return Tag.objects.bulk_create(tags, batch_size=BATCH_SIZE)

    def create_authors(self, count):
        pairs = [(first, last) for first in FIRST_NAMES for last in LAST_NAMES]
        self.rng.shuffle(pairs)
        names = [f"{first} {last}" for first, last in pairs[:count]]
        names += [f"Contributor {i}" for i in range(len(names) + 1, count + 1)]
        authors = [
            Author(
                name=name,
                slug=slugify(name),
                job_title=self.rng.choice(JOB_TITLES),
                bio=f"{name} covers the river towns. " + self.filler.sentence(),
            )
            for name in names
        ]
        return Author.objects.bulk_create(authors, batch_size=BATCH_SIZE)

    def create_articles(self, count, sections, words):
        # The fixed articles sit a little below the top of the front page, a few hours old.
        positions = (4, 9, 14) if count > 14 else range(len(FIXED_SLUGS))
        fixed = dict(zip(positions, FIXED_SLUGS, strict=True))
        articles = []
        for index in range(count):
            headline = self.filler.headline()
            published_at = self.now - timedelta(
                hours=2 + 5 * index, minutes=self.rng.randint(0, 240)
            )
            body = sanitize_html(self.filler.body(words))
            articles.append(
                Article(
                    headline=headline,
                    slug=fixed.get(index) or f"{slugify(headline)}-{index + 1}",
                    dek=self.filler.sentence(14, 28),
                    dateline=self.rng.choice(PLACES).upper(),
                    body=body,
                    # What Article.save() writes, which bulk_create skips: pages show body_html.
                    body_html=render_body(body),
                    section=self.rng.choice(sections),
                    status=Article.Status.PUBLISHED,
                    published_at=published_at,
                    comment_policy=Article.CommentPolicy.OPEN,
                )
            )
        articles = Article.objects.bulk_create(articles, batch_size=BATCH_SIZE)
        # auto_now(_add) overwrote these on insert; give them a believable history instead.
        for article in articles:
            article.created_at = article.published_at - timedelta(hours=2, minutes=10)
            edited = self.rng.random() < 0.1
            article.updated_at = min(
                article.published_at + timedelta(hours=3 if edited else 0), self.now
            )
        Article.objects.bulk_update(articles, ["created_at", "updated_at"], batch_size=BATCH_SIZE)
        return articles

    def create_bylines(self, articles, authors):
        bylines = [
            Byline(article=article, author=author, position=position)
            for article in articles
            for position, author in enumerate(self.rng.sample(authors, self.rng.randint(1, 3)))
        ]
        Byline.objects.bulk_create(bylines, batch_size=BATCH_SIZE)
        return len(bylines)

    def create_tagged_items(self, articles, tags):
        content_type = ContentType.objects.get_for_model(Article)
        items = [
            TaggedItem(tag=tag, content_type=content_type, object_id=article.pk)
            for article in articles
            for tag in self.rng.sample(tags, self.rng.randint(2, 4))
        ]
        TaggedItem.objects.bulk_create(items, batch_size=BATCH_SIZE)
        return len(items)

    def comment_count(self, article, per_article):
        if article.slug == ARTICLE_50_SLUG:
            return 50
        if article.slug == ARTICLE_200_SLUG:
            return 200
        if article.slug == COMMENT_POST_SLUG:
            return 0
        return per_article if self.rng.random() < COMMENTED_SHARE else 0

    def create_comments(self, articles, per_article):
        comments, times = [], []
        for article in articles:
            count = self.comment_count(article, per_article)
            # Spread over the article's first three days, or the time it has been up.
            window = min(self.now - article.published_at, timedelta(days=3))
            for number in range(count):
                created_at = article.published_at + window * (number + 1) / (count + 1)
                first, last = self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)
                comments.append(
                    Comment(
                        article=article,
                        name=f"{first} {last[0]}.",
                        email=f"{slugify(first)}.{slugify(last)}{number}@example.org",
                        body=" ".join(
                            self.filler.sentence(6, 18) for _ in range(self.rng.randint(1, 3))
                        ),
                        status=Comment.Status.APPROVED,
                        ip_address=f"192.0.2.{self.rng.randint(1, 254)}",
                        user_agent=self.rng.choice(USER_AGENTS),
                        moderated_at=min(created_at + timedelta(minutes=30), self.now),
                    )
                )
                times.append(created_at)
        comments = Comment.objects.bulk_create(comments, batch_size=BATCH_SIZE)
        for comment, created_at in zip(comments, times, strict=True):
            comment.created_at = created_at
        Comment.objects.bulk_update(comments, ["created_at"], batch_size=BATCH_SIZE)
        return len(comments)

    def urls(self):
        """Addresses of the data-dependent pages the benchmark measures."""
        articles = {
            article.slug: article for article in Article.objects.filter(slug__in=FIXED_SLUGS)
        }
        if len(articles) != len(FIXED_SLUGS):
            raise CommandError("No bench data here: run bench_data first.")
        section = Section.objects.filter(slug=slugify(SECTION_NAMES[0])).first()
        if section is None:
            raise CommandError("No bench data here: run bench_data first.")
        post_article = articles[COMMENT_POST_SLUG]
        return {
            "article_50": articles[ARTICLE_50_SLUG].get_absolute_url(),
            "article_200": articles[ARTICLE_200_SLUG].get_absolute_url(),
            "section": section.get_absolute_url(),
            "comment_article": post_article.get_absolute_url(),
            "comment_post": reverse("comments:post", args=[post_article.pk]),
            "static_css": static("css/site.css"),
        }

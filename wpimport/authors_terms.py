"""Importing authors (and their logins) and terms: top categories as sections, the rest as tags."""

import contextlib
from urllib.parse import unquote

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.text import slugify
from taggit.models import Tag

from articles.models import Section
from authors.models import Author

from . import rules
from .bookkeeping import digest
from .content import plain_text
from .convert import clean_login
from .models import ImportedObject
from .rules import Skip

Kind = ImportedObject.Kind


class AuthorsAndTerms:
    # Authors

    def author(self, data):
        login = clean_login(data.get("wp:author_login"))
        with self.item("authors", login):
            self._author(login, data)

    def _author(self, login, data):
        if not login:
            raise Skip("no login")
        first = plain_text(data.get("wp:author_first_name"))
        last = plain_text(data.get("wp:author_last_name"))
        display = plain_text(data.get("wp:author_display_name")) or f"{first} {last}".strip()
        name, _ = rules.truncate(display or login, 120)
        bio, cut = rules.truncate(plain_text(data.get("wp:author_description")), 1000)
        if cut:
            self.report.note("authors", "biography shortened to 1,000 characters", login)
        content_hash = digest({"name": name, "bio": bio})
        mapping = self.mapping(Kind.AUTHOR, login)
        outcome = self.outcome(mapping, "author", content_hash)
        author = mapping.author if mapping else None
        if outcome == "created":
            slug = rules.make_slug(login, name, fallback=f"author-{login}", max_length=120)
            author = Author.objects.filter(slug=slug).first()
            if author is not None:
                outcome = "unchanged"
                self.report.note("authors", "matched an existing author by slug", login)
            else:
                author = Author.objects.create(name=name, slug=slug, bio=bio)
        elif outcome == "updated":
            author.name, author.bio = name, bio
            author.save(update_fields=["name", "bio", "updated_at"])
        if self.create_logins and author.user_id is None:
            self._login(author, login, data, first, last)
        if outcome != "unchanged" or mapping is None:
            self.remember(mapping, Kind.AUTHOR, login, "", content_hash, author=author)
        self.report.record("authors", outcome)
        self.authors[login] = author
        author_id = (data.get("wp:author_id") or "").strip()
        self.redirects(
            [rules.normalise_path(f"/author/{login}/"), author_id and f"?author={author_id}"],
            author=author,
        )
        return author

    def _login(self, author, login, data, first, last):
        """A login with no password set and no staff rights: an admin gives those."""
        User = get_user_model()
        username = login[:150]
        if User.objects.filter(username=username).exists():
            self.report.note("authors", "login not made: the username is taken", login)
            return
        user = User(username=username, first_name=first[:150], last_name=last[:150])
        email = (data.get("wp:author_email") or "").strip()
        with contextlib.suppress(ValidationError):
            validate_email(email)
            user.email = email
        user.set_unusable_password()
        user.save()
        author.user = user
        author.save(update_fields=["user", "updated_at"])
        self.report.note("authors", "login made (no password, not staff)", login)

    def author_for(self, login):
        login = clean_login(login)
        if login in self.authors:
            return self.authors[login]
        if not login:
            raise Skip("no author")
        # A creator the export does not list among its authors.
        return self._author(login, {"wp:author_login": login})

    # Categories and tags

    def categories(self, rows):
        by_name = {}
        for row in rows:
            nicename = (row.get("wp:category_nicename") or "").strip().lower()
            if nicename:
                by_name[nicename] = row
        for nicename, row in by_name.items():
            chain, current = [nicename], by_name[nicename]
            while (parent := (current.get("wp:category_parent") or "").strip().lower()) and (
                parent in by_name and parent not in chain
            ):
                chain.append(parent)
                current = by_name[parent]
            self.terms[nicename] = (chain[-1], len(chain) == 1)
            row["path"] = "/".join(reversed(chain))
        for nicename, row in by_name.items():
            label = row.get("wp:cat_name") or nicename
            if self.terms[nicename][1]:
                with self.item("sections", label):
                    self.section(nicename, row)
            else:
                with self.item("tags", label):
                    self.tag_from_term(
                        "category", nicename, row.get("wp:cat_name"), row.get("wp:term_id")
                    )
                    self.category_redirects(row, tag=self.tags[("category", nicename)])

    def category_redirects(self, row, **target):
        nicename = (row.get("wp:category_nicename") or "").strip().lower()
        term_id = (row.get("wp:term_id") or "").strip()
        self.redirects(
            [
                term_id and f"?cat={term_id}",
                rules.normalise_path(f"/category/{row.get('path') or nicename}/"),
                rules.normalise_path(f"/category/{nicename}/"),
            ],
            **target,
        )

    def section(self, nicename, row):
        name, _ = rules.truncate(plain_text(row.get("wp:cat_name")) or nicename, 80)
        description = plain_text(row.get("wp:category_description"))
        content_hash = digest({"name": name, "description": description})
        mapping = self.mapping(Kind.CATEGORY, row.get("wp:term_id") or nicename)
        outcome = self.outcome(mapping, "section", content_hash)
        section = mapping.section if mapping else None
        if outcome == "created":
            slug = rules.make_slug(nicename, name, fallback=f"section-{nicename}", max_length=80)
            section = (
                Section.objects.filter(slug=slug).first()
                or Section.objects.filter(name__iexact=name).first()
            )
            if section is not None:
                outcome = "unchanged"
                self.report.note("sections", "matched an existing section", name)
            else:
                section = Section.objects.create(name=name, slug=slug, description=description)
        elif outcome == "updated":
            if not Section.objects.filter(name__iexact=name).exclude(pk=section.pk).exists():
                section.name = name
            section.description = description
            section.save()
        if outcome != "unchanged" or mapping is None:
            wp_id = row.get("wp:term_id") or nicename
            self.remember(mapping, Kind.CATEGORY, wp_id, "", content_hash, section=section)
        self.report.record("sections", outcome)
        self.sections[nicename] = section
        self.category_redirects(row, section=section)
        return section

    def tag(self, data):
        slug = (data.get("wp:tag_slug") or "").strip().lower()
        with self.item("tags", data.get("wp:tag_name") or slug):
            tag = self.tag_from_term(
                "post_tag", slug, data.get("wp:tag_name"), data.get("wp:term_id")
            )
            self.redirects(
                [f"?tag={slug}", rules.normalise_path(f"/tag/{slug}/")],
                tag=tag,
            )

    def tag_from_term(self, domain, nicename, name, term_id=None):
        """The Tag for a WordPress tag or nested category, made or found by slug or name."""
        if not nicename:
            raise Skip("no slug")
        name = plain_text(name) or nicename
        name, _ = rules.truncate(name, 100)
        kind = Kind.TAG if domain == "post_tag" else Kind.CATEGORY
        wp_id = (term_id or "").strip() or nicename
        mapping = self.mapping(kind, wp_id)
        content_hash = digest({"name": name})
        outcome = self.outcome(mapping, "tag", content_hash)
        tag = mapping.tag if mapping else None
        if outcome == "created":
            slug = slugify(unquote(nicename), allow_unicode=True)[:100] or f"tag-{wp_id}"[:100]
            tag = (
                Tag.objects.filter(slug=slug).first()
                or Tag.objects.filter(name__iexact=name).first()
            )
            if tag is not None:
                outcome = "unchanged"
                self.report.note("tags", "matched an existing tag", name)
            else:
                tag = Tag.objects.create(name=name, slug=slug)
        elif (
            outcome == "updated"
            and not Tag.objects.filter(name__iexact=name).exclude(pk=tag.pk).exists()
        ):
            tag.name = name
            tag.save(update_fields=["name"])
        if outcome != "unchanged" or mapping is None:
            self.remember(mapping, kind, wp_id, "", content_hash, tag=tag)
        self.report.record("tags", outcome)
        self.tags[(domain, nicename)] = tag
        return tag

    def post_tag(self, domain, category):
        """The Tag for one of a post's <category> elements, made if the export did not list it."""
        nicename = (category["nicename"] or slugify(category["name"])).strip().lower()
        key = (domain, nicename)
        if key not in self.tags:
            with self.item("tags", category["name"] or nicename):
                self.tag_from_term(domain, nicename, category["name"])
        if key not in self.tags:
            raise Skip(f"its tag “{category['name']}” could not be made")
        return self.tags[key]

    def post_section(self, nicename, categories):
        if nicename is None:
            return self.default_section()
        if nicename not in self.sections:
            # A category the export did not list at the top: a section of its own.
            name = next((c["name"] for c in categories if c["nicename"].lower() == nicename), "")
            with self.item("sections", name or nicename):
                self.section(nicename, {"wp:category_nicename": nicename, "wp:cat_name": name})
        if nicename not in self.sections:
            raise Skip("its section could not be made")
        return self.sections[nicename]

    def default_section(self):
        if self._default_section is None:
            name = self.default_section_name[:80]
            section = (
                Section.objects.filter(name__iexact=name).first()
                or Section.objects.filter(slug=slugify(name)).first()
            )
            if section is None:
                section = Section.objects.create(name=name, slug=slugify(name)[:80] or "news")
                self.report.record("sections", "created")
                self.report.note("sections", "made for posts without a category", name)
            self._default_section = section
        return self._default_section

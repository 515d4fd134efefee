"""Every sensitive admin action, posted by hand (no UI), by every role: the server decides.

Each row of ACTIONS is one thing worth attacking; EXPECTED says what each role gets: sent to
the login (anonymous), refused with 403, quietly refused (an admin action a role is not offered
answers like any unknown action and changes nothing), or done. On every refusal the database is
checked to be unchanged. The article workflow in detail (reporters' own drafts, publishing
through the form) is in tests/newsroom/test_admin_permissions.py; this is the whole map.
"""

from dataclasses import dataclass, field
from io import BytesIO

import pytest
import reversion
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group, Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image
from reversion.models import Version

from articles.models import Article, Section
from authors.models import Author
from comments.models import Ban, Comment, DiscussionSettings, ModerationLogEntry
from comments.privacy import email_key
from pages.models import Page
from photos.models import Photo
from tests.articles.test_revisions import submitted_form
from tests.factories import (
    article_admin_data,
    make_article,
    make_author,
    make_comment,
    make_photo,
    make_user,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "reporter", "editor", "moderator", "superuser"]
LOGIN, FORBIDDEN, IGNORED, DONE = "login", "403", "ignored", "done"


@dataclass
class World:
    """What every action needs: the staff, a colleague's draft, a published story, comments."""

    reporter: User
    colleague: User
    editor: User
    moderator: User
    superuser: User
    draft: Article
    own_draft: Article
    published: Article
    pending: Comment
    extra: dict = field(default_factory=dict)


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Five staff users per test: the real password hasher would make each test slow.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    reporter = make_user("reporter", role="Reporter")
    colleague = make_user("colleague", role="Reporter")
    make_author(name="Rita Reporter", user=reporter)
    make_author(name="Colin Colleague", user=colleague)
    editor = make_user("editor", role="Editor")
    draft = make_article(
        headline="Colleague draft", status=Article.Status.DRAFT, created_by=colleague,
        authors=[colleague.author],
    )  # fmt: skip
    with reversion.create_revision():
        reversion.set_user(colleague)
        draft.save()
    draft.headline = "Colleague draft, second go"
    draft.save()
    with reversion.create_revision():
        reversion.set_user(colleague)
        draft.save()
    published = make_article(headline="Published story")
    return World(
        reporter=reporter,
        colleague=colleague,
        editor=editor,
        moderator=make_user("moderator", role="Moderator"),
        superuser=make_user("root", is_superuser=True),
        draft=draft,
        own_draft=make_article(
            headline="Own draft",
            status=Article.Status.DRAFT,
            created_by=reporter,
            authors=[reporter.author],
        ),
        published=published,
        pending=make_comment(
            article=published,
            status=Comment.Status.PENDING,
            email="reader@example.org",
            email_key=email_key("reader@example.org"),
        ),
    )


def client_for(role, world):
    client = Client()
    if role != "anonymous":
        client.force_login(getattr(world, role))
    return client


def form_of(url, world):
    """The change form at url as a browser would send it back (read as the superuser)."""
    reader = Client()
    reader.force_login(world.superuser)
    response = reader.get(url)
    assert response.status_code == 200, url
    return submitted_form(response)


def changelist_action(model_url, action, objects, **extra):
    def post(client, world):
        return client.post(
            reverse(model_url),
            {"action": action, ACTION_CHECKBOX_NAME: [o.pk for o in objects(world)], "index": 0}
            | extra,
        )

    return post


def png():
    buffer = BytesIO()
    Image.new("RGB", (64, 48), (10, 120, 200)).save(buffer, "PNG")
    return SimpleUploadedFile("upload.png", buffer.getvalue(), content_type="image/png")


def headline(world):
    return Article.objects.get(pk=world.draft.pk).headline


def status_of(article):
    return Article.objects.get(pk=article.pk).status


def comment_status(world):
    return Comment.objects.get(pk=world.pending.pk).status


@dataclass
class Action:
    """post(client, world) -> response; state(world) -> a snapshot compared before and after."""

    post: callable
    state: callable
    expected: dict
    prepare: callable = None


def article_add(client, world):
    data = article_admin_data(slug="hand-made", authors=[world.reporter.author])
    return client.post(reverse("admin:articles_article_add"), data)


def article_change(client, world):
    data = article_admin_data(article=world.draft, headline="Defaced")
    return client.post(reverse("admin:articles_article_change", args=[world.draft.pk]), data)


def article_delete(client, world):
    url = reverse("admin:articles_article_delete", args=[world.draft.pk])
    return client.post(url, {"post": "yes"})


def revision_restore(client, world):
    first = Version.objects.get_for_object(world.draft).order_by("pk").first()
    url = reverse("admin:articles_article_revision", args=[world.draft.pk, first.pk])
    data = world.extra.get("restore_form") or article_admin_data(article=world.draft)
    return client.post(url, data)


def prepare_restore(world):
    first = Version.objects.get_for_object(world.draft).order_by("pk").first()
    url = reverse("admin:articles_article_revision", args=[world.draft.pk, first.pk])
    world.extra["restore_form"] = form_of(url, world)


def preview_link(client, world):
    return client.get(reverse("admin:articles_article_change", args=[world.draft.pk]))


def photo_upload(client, world):
    data = {"image": png(), "alt_text": "Hand-made upload", "caption": "", "credit": ""}
    data |= {"focal_x": "0.5", "focal_y": "0.5"}
    return client.post(reverse("admin:photos_photo_add"), data)


def photo_delete(client, world):
    url = reverse("admin:photos_photo_delete", args=[world.extra["photo"].pk])
    return client.post(url, {"post": "yes"})


def prepare_photo(world):
    world.extra["photo"] = make_photo(alt_text="In the library")


def change_form_post(url_name, pk_of, **changes):
    def post(client, world):
        url = reverse(url_name, args=[pk_of(world)])
        return client.post(url, form_of(url, world) | changes)

    return post


def author_name(world):
    return Author.objects.get(pk=world.colleague.author.pk).name


def one_click(word):
    def post(client, world):
        url = reverse("admin:comments_comment_moderate", args=[world.pending.pk, word])
        return client.post(url)

    return post


def approve_all_from(client, world):
    url = reverse("admin:comments_comment_approve_all_from", args=[world.pending.pk])
    return client.post(url)


def comment_delete(client, world):
    url = reverse("admin:comments_comment_delete", args=[world.pending.pk])
    return client.post(url, {"post": "yes"})


def reveal_email(client, world):
    url = reverse("admin:comments_comment_reveal_email", args=[world.pending.pk])
    return client.post(url)


def personal_data_erase(client, world):
    data = {"email": "reader@example.org", "task": "erase", "mode": "delete", "confirm": "on"}
    return client.post(reverse("admin:comments_comment_personal_data"), data)


def ban_add(client, world):
    data = {"email": "troll@example.org", "ip_network": "", "duration": "30", "reason": "x"}
    return client.post(reverse("admin:comments_ban_add"), data)


def log_delete(client, world):
    entry = ModerationLogEntry.objects.get()
    url = reverse("admin:comments_moderationlogentry_delete", args=[entry.pk])
    return client.post(url, {"post": "yes"})


def prepare_log(world):
    ModerationLogEntry.objects.create(
        comment=world.pending, moderator=world.moderator, action="approve", reason="seed"
    )


def user_add(client, world):
    data = {
        "username": "intruder",
        "password1": "A-long-enough-password-42",
        "password2": "A-long-enough-password-42",
        "usable_password": "true",
    }
    return client.post(reverse("admin:auth_user_add"), data)


def self_promotion(client, world):
    """Whoever is logged in tries to make the reporter a superuser."""
    url = reverse("admin:auth_user_change", args=[world.reporter.pk])
    data = form_of(url, world) | {"is_superuser": "on"}
    # An empty multiple choice is not sent at all by a browser.
    data = {key: value for key, value in data.items() if value or key != "user_permissions"}
    return client.post(url, data)


def group_widening(client, world):
    group = Group.objects.get(name="Reporter")
    url = reverse("admin:auth_group_change", args=[group.pk])
    publish = Permission.objects.get(codename="publish_article")
    return client.post(url, {"name": "Reporter", "permissions": [publish.pk]})


def reporters_may_publish(world):
    return (
        Group.objects.get(name="Reporter").permissions.filter(codename="publish_article").exists()
    )


def audit_view(client, world):
    return client.get(reverse("admin:axes_accessattempt_changelist"))


def audit_unlock(client, world):
    attempt = AccessAttempt.objects.get()
    url = reverse("admin:axes_accessattempt_delete", args=[attempt.pk])
    return client.post(url, {"post": "yes"})


def audit_log_delete(client, world):
    entry = AccessFailureLog.objects.get()
    url = reverse("admin:axes_accessfailurelog_delete", args=[entry.pk])
    return client.post(url, {"post": "yes"})


def prepare_audit(world):
    AccessAttempt.objects.create(
        username="editor", ip_address="203.0.113.66", user_agent="x", failures_since_start=5,
        get_data="", post_data="", http_accept="", path_info="/admin/login/",
    )  # fmt: skip
    AccessFailureLog.objects.create(
        username="editor", ip_address="203.0.113.66", user_agent="x", http_accept="",
        path_info="/admin/login/", locked_out=False,
    )  # fmt: skip
    AccessLog.objects.create(
        username="editor", ip_address="198.51.100.10", user_agent="x", http_accept="",
        path_info="/admin/login/",
    )  # fmt: skip


def audit_seen(world):
    return None  # a read: the response says whether it was shown


def by_role(anonymous=LOGIN, reporter=FORBIDDEN, editor=FORBIDDEN, moderator=FORBIDDEN,
            superuser=DONE):  # fmt: skip
    return {
        "anonymous": anonymous,
        "reporter": reporter,
        "editor": editor,
        "moderator": moderator,
        "superuser": superuser,
    }


COMMENTS = "admin:comments_comment_changelist"
ARTICLES = "admin:articles_article_changelist"

ACTIONS = {
    # Articles
    "article add": Action(
        article_add,
        lambda w: Article.objects.filter(slug="hand-made").exists(),
        by_role(reporter=DONE, editor=DONE),
    ),
    "article change (a colleague's draft)": Action(article_change, headline, by_role(editor=DONE)),
    "article delete": Action(
        article_delete,
        lambda w: Article.objects.filter(pk=w.draft.pk).exists(),
        by_role(editor=DONE),
    ),
    "publish now (action)": Action(
        changelist_action(ARTICLES, "publish_now", lambda w: [w.draft]),
        lambda w: status_of(w.draft),
        by_role(reporter=IGNORED, editor=DONE),
    ),
    "unpublish (action)": Action(
        changelist_action(ARTICLES, "unpublish", lambda w: [w.published]),
        lambda w: status_of(w.published),
        by_role(reporter=IGNORED, editor=DONE),
    ),
    "submit for review (action, a colleague's draft)": Action(
        changelist_action(ARTICLES, "submit_for_review", lambda w: [w.draft]),
        lambda w: status_of(w.draft),
        # A reporter is offered the action, and the service refuses someone else's draft.
        by_role(reporter=IGNORED, editor=DONE),
    ),
    "submit for review (action, the reporter's own draft)": Action(
        changelist_action(ARTICLES, "submit_for_review", lambda w: [w.own_draft]),
        lambda w: status_of(w.own_draft),
        by_role(reporter=DONE, editor=DONE),
    ),
    "revision restore": Action(revision_restore, headline, by_role(editor=DONE), prepare_restore),
    "preview link (shown on the change form)": Action(
        preview_link, lambda w: None, by_role(reporter=IGNORED, editor=DONE)
    ),
    # Photos, authors, sections
    "photo upload": Action(
        photo_upload,
        lambda w: Photo.objects.filter(alt_text="Hand-made upload").exists(),
        by_role(reporter=DONE, editor=DONE),
    ),
    "photo delete": Action(
        photo_delete,
        lambda w: Photo.objects.filter(pk=w.extra["photo"].pk).exists(),
        by_role(),
        prepare_photo,
    ),
    "author change": Action(
        change_form_post(
            "admin:authors_author_change", lambda w: w.colleague.author.pk, name="Renamed"
        ),
        author_name,
        by_role(editor=DONE),
    ),
    "section change": Action(
        change_form_post(
            "admin:articles_section_change", lambda w: w.draft.section_id, name="Renamed"
        ),
        lambda w: Section.objects.get(pk=w.draft.section_id).name,
        by_role(editor=DONE),
    ),
    # Comments
    **{
        f"comment {word} (one click)": Action(
            one_click(word), comment_status, by_role(moderator=DONE)
        )
        for word in ["approve", "reject", "spam"]
    },
    **{
        f"comment {action} (bulk action)": Action(
            changelist_action(COMMENTS, action, lambda w: [w.pending]),
            comment_status,
            by_role(moderator=DONE),
        )
        for action in ["approve", "reject", "mark_spam", "approve_all_from_commenters"]
    },
    "comment approve all from (button)": Action(
        approve_all_from, comment_status, by_role(moderator=DONE)
    ),
    "comment ban commenters (bulk action)": Action(
        changelist_action(
            COMMENTS,
            "ban_commenters",
            lambda w: [w.pending],
            confirm="1",
            by_email="on",
            duration="30",
            reason="",
            mark_spam="on",
        ),
        lambda w: Ban.objects.count(),
        by_role(moderator=DONE),
    ),
    "comment edit": Action(
        change_form_post("admin:comments_comment_change", lambda w: w.pending.pk, body="Rewritten"),
        lambda w: Comment.objects.get(pk=w.pending.pk).body,
        by_role(moderator=DONE),
    ),
    "comment delete": Action(
        comment_delete, lambda w: Comment.objects.filter(pk=w.pending.pk).exists(), by_role()
    ),
    "comment reveal email": Action(
        reveal_email,
        lambda w: ModerationLogEntry.objects.filter(action="reveal_email").count(),
        by_role(),
    ),
    "personal data erase": Action(
        personal_data_erase, lambda w: Comment.objects.filter(pk=w.pending.pk).exists(), by_role()
    ),
    "ban add": Action(ban_add, lambda w: Ban.objects.count(), by_role(moderator=DONE)),
    "discussion settings change": Action(
        change_form_post(
            "admin:comments_discussionsettings_change",
            lambda w: DiscussionSettings.load().pk,
            max_links="9",
        ),
        lambda w: DiscussionSettings.load().max_links,
        by_role(editor=DONE),
    ),
    "moderation log delete (read-only for all)": Action(
        log_delete,
        lambda w: ModerationLogEntry.objects.count(),
        by_role(superuser=FORBIDDEN),
        prepare_log,
    ),
    # Pages, users, groups
    "page edit": Action(
        change_form_post(
            "admin:pages_page_change", lambda w: Page.objects.get(slug="about").pk, title="Owned"
        ),
        lambda w: Page.objects.get(slug="about").title,
        by_role(),
    ),
    "user add": Action(
        user_add, lambda w: User.objects.filter(username="intruder").exists(), by_role()
    ),
    "user made superuser": Action(
        self_promotion, lambda w: User.objects.get(pk=w.reporter.pk).is_superuser, by_role()
    ),
    "group widened": Action(group_widening, reporters_may_publish, by_role()),
    # The login audit (django-axes)
    "login audit view": Action(audit_view, audit_seen, by_role(), prepare_audit),
    "login audit unlock": Action(
        audit_unlock, lambda w: AccessAttempt.objects.count(), by_role(), prepare_audit
    ),
    "login audit log delete (read-only for all)": Action(
        audit_log_delete,
        lambda w: AccessFailureLog.objects.count(),
        by_role(superuser=FORBIDDEN),
        prepare_audit,
    ),
}

CASES = [(name, role) for name in ACTIONS for role in ROLES]


@pytest.mark.parametrize(("name", "role"), CASES, ids=[f"{n} / {r}" for n, r in CASES])
def test_admin_action_by_role(world, name, role):
    action = ACTIONS[name]
    expected = action.expected[role]
    if action.prepare:
        action.prepare(world)
    before = action.state(world)
    response = action.post(client_for(role, world), world)
    after = action.state(world)

    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
        assert after == before
    elif expected == FORBIDDEN:
        assert response.status_code == 403
        assert after == before
    elif expected == IGNORED:
        assert response.status_code in (200, 302)
        assert after == before
        assert "/preview/" not in response.content.decode()
    else:
        assert response.status_code in (200, 302), response.status_code
        if response.status_code == 200 and response.context and "adminform" in response.context:
            assert not response.context["adminform"].form.errors, response.context[
                "adminform"
            ].form.errors
        if action.state is audit_seen:
            assert b"203.0.113.66" in response.content
        elif name.startswith("preview link"):
            assert "/preview/" in response.content.decode()
        else:
            assert after != before


def test_the_matrix_covers_every_role_for_every_action():
    for name, action in ACTIONS.items():
        assert set(action.expected) == set(ROLES), name


def test_a_staff_user_given_the_audit_permissions_still_cannot_read_it(client, world):
    prepare_audit(world)
    user = make_user("nosy", role="Editor")
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="axes"))
    client.force_login(user)
    assert client.get(reverse("admin:axes_accessattempt_changelist")).status_code == 403
    assert client.get(reverse("admin:axes_accesslog_changelist")).status_code == 403
    assert b"axes" not in client.get(reverse("admin:index")).content.lower()

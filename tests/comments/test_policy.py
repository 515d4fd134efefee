"""The moderation rules on their own: each rule, its reason, and which rule wins.

Spam rules beat holds, holds beat auto-approval. initial_verdict() is pure: everything it needs
is passed in, so these tests need no database.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from comments.models import Ban, Comment, DiscussionSettings
from comments.moderation import (
    Verdict,
    comments_closed_reason,
    count_links,
    find_word,
    initial_verdict,
    reply_parent,
    setting_lines,
)

Status = Comment.Status
Policy = Article.CommentPolicy
NOW = timezone.now()


def discussion(**fields):
    """Unsaved discussion settings: the defaults, auto-approving after 2 approved comments."""
    fields.setdefault("auto_approve_after", 2)
    return DiscussionSettings(**fields)


def verdict(**overrides):
    """The verdict on a plain comment from a commenter with 5 approved comments already."""
    fields = {
        "body": "A fair point about the bridge.",
        "name": "Ana Ruiz",
        "email": "ana@example.org",
        "url": "",
        "ip_address": "198.51.100.7",
        "discussion": discussion(),
        "policy": Policy.OPEN,
        "earlier_approved": 5,
        "bans": [],
    }
    fields.update(overrides)
    return initial_verdict(**fields)


# Each rule and the reason it gives.


def test_a_commenter_with_enough_approved_comments_is_approved_with_the_count():
    assert verdict(earlier_approved=4) == Verdict(
        Status.APPROVED, "approved: 4 earlier approved comments"
    )


def test_one_earlier_approved_comment_is_reported_in_the_singular():
    result = verdict(earlier_approved=1, discussion=discussion(auto_approve_after=1))
    assert result == Verdict(Status.APPROVED, "approved: 1 earlier approved comment")


def test_exactly_the_required_number_of_approved_comments_is_enough():
    assert verdict(earlier_approved=2).status == Status.APPROVED


def test_a_first_time_commenter_is_held():
    assert verdict(earlier_approved=0) == Verdict(Status.PENDING, "held: first-time commenter")


def test_a_commenter_short_of_the_required_count_is_held_with_the_count():
    result = verdict(earlier_approved=1, discussion=discussion(auto_approve_after=3))
    assert result == Verdict(Status.PENDING, "held: 1 of 3 earlier approved comments")


def test_without_auto_approval_every_comment_is_held_however_known_the_commenter():
    result = verdict(earlier_approved=500, discussion=discussion(auto_approve_after=None))
    assert result == Verdict(Status.PENDING, "held: every comment is moderated")


def test_auto_approval_after_zero_comments_approves_a_first_time_commenter():
    result = verdict(earlier_approved=0, discussion=discussion(auto_approve_after=0))
    assert result == Verdict(Status.APPROVED, "approved: no earlier comments needed")


def test_a_comment_with_more_links_than_allowed_is_held_with_the_count():
    body = "See https://a.example.org, https://b.example.org and www.c.example.org"
    assert verdict(body=body) == Verdict(Status.PENDING, "held: 3 links")


def test_a_comment_with_exactly_the_allowed_number_of_links_is_not_held_for_them():
    body = "See https://a.example.org and https://b.example.org"
    assert verdict(body=body).status == Status.APPROVED


def test_the_link_limit_follows_the_setting():
    result = verdict(body="One https://a.example.org", discussion=discussion(max_links=0))
    assert result == Verdict(Status.PENDING, "held: 1 link")


@pytest.mark.parametrize(
    ("text", "links"),
    [
        ("no links here", 0),
        ("https://example.org", 1),
        ("http://example.org/a?b=c and example.com", 2),
        ("www.example.org", 1),
        ("write to me@example.org", 1),
        ("https://a.example.org https://a.example.org", 2),
    ],
)
def test_links_are_counted_as_the_page_would_make_them_clickable(text, links):
    assert count_links(text) == links


def test_a_moderation_word_holds_the_comment_and_names_the_word():
    settings = discussion(moderation_words="refund\nscam")
    result = verdict(body="This looks like a SCAM to me", discussion=settings)
    assert result == Verdict(Status.PENDING, "held: moderation word “scam”")


@pytest.mark.parametrize("field", ["body", "name", "url"])
def test_a_moderation_word_is_found_in_the_comment_name_or_website(field):
    value = {"body": "casino tonight", "name": "Casino King", "url": "https://casino.example"}
    result = verdict(**{field: value[field]}, discussion=discussion(moderation_words="casino"))
    assert result.reason == "held: moderation word “casino”"


def test_a_moderation_word_matches_whole_words_only():
    settings = discussion(moderation_words="ass")
    assert verdict(body="A classic class assessment", discussion=settings).status == (
        Status.APPROVED
    )


def test_a_moderation_phrase_matches_across_its_words():
    settings = discussion(moderation_words="free money")
    assert verdict(body="Get FREE money now", discussion=settings).status == Status.PENDING


def test_a_pre_moderated_article_holds_even_a_trusted_commenter():
    result = verdict(policy=Policy.PREMODERATED, earlier_approved=100)
    assert result == Verdict(Status.PENDING, "held: article is pre-moderated")


def test_a_blocked_word_makes_the_comment_spam():
    result = verdict(body="Cheap viagra here", discussion=discussion(blocked_words="viagra"))
    assert result == Verdict(Status.SPAM, "spam: blocked word")


@pytest.mark.parametrize("field", ["body", "name", "url"])
def test_a_blocked_word_is_found_in_the_comment_name_or_website(field):
    value = {"body": "viagra deals", "name": "Viagra Seller", "url": "https://viagra.example"}
    result = verdict(**{field: value[field]}, discussion=discussion(blocked_words="viagra"))
    assert result == Verdict(Status.SPAM, "spam: blocked word")


@pytest.mark.parametrize("email", ["spammer@example.org", "  SPAMMER@Example.org "])
def test_a_blocked_email_makes_the_comment_spam_whatever_its_case(email):
    settings = discussion(blocked_emails="spammer@example.org")
    assert verdict(email=email, discussion=settings) == Verdict(Status.SPAM, "spam: blocked email")


@pytest.mark.parametrize("email", ["x@spam.example", "x@mail.spam.example", "x@SPAM.EXAMPLE"])
def test_a_blocked_domain_and_its_subdomains_make_the_comment_spam(email):
    settings = discussion(blocked_domains="spam.example")
    assert verdict(email=email, discussion=settings) == Verdict(Status.SPAM, "spam: blocked domain")


def test_a_domain_that_merely_ends_like_a_blocked_one_is_not_blocked():
    settings = discussion(blocked_domains="spam.example")
    assert verdict(email="x@notspam.example", discussion=settings).status == Status.APPROVED


@pytest.mark.parametrize(
    ("ip_address", "blocked"),
    [
        ("203.0.113.7", True),
        ("203.0.113.255", True),
        ("203.0.114.1", False),
        ("2001:db8::1", True),
        ("2001:db9::1", False),
        (None, False),
    ],
)
def test_a_blocked_ip_range_makes_the_comment_spam(ip_address, blocked):
    settings = discussion(blocked_ips="203.0.113.0/24\n2001:db8::/32")
    result = verdict(ip_address=ip_address, discussion=settings)
    if blocked:
        assert result == Verdict(Status.SPAM, "spam: blocked IP range")
    else:
        assert result.status == Status.APPROVED


def test_a_mistyped_ip_range_in_the_settings_blocks_nobody():
    settings = discussion(blocked_ips="not a range\n999.1.1.1/8")
    assert verdict(discussion=settings).status == Status.APPROVED


@pytest.mark.parametrize(
    "ban",
    [
        Ban(email="ana@example.org"),
        Ban(email="ANA@example.org "),
        Ban(ip_network="198.51.100.0/24"),
        Ban(ip_network="198.51.100.7"),
    ],
    ids=["email", "email-any-case", "ip-range", "ip-address"],
)
def test_a_banned_commenter_is_spam(ban):
    assert verdict(bans=[ban]) == Verdict(Status.SPAM, "spam: banned commenter")


def test_a_ban_on_someone_else_does_not_touch_the_comment():
    bans = [Ban(email="other@example.org"), Ban(ip_network="192.0.2.0/24")]
    assert verdict(bans=bans).status == Status.APPROVED


# Which rule wins.

# Every rule, in the order it is applied, with the reason it gives.
RULES_IN_ORDER = [
    ("ban", "spam: banned commenter"),
    ("blocked_email", "spam: blocked email"),
    ("blocked_domain", "spam: blocked domain"),
    ("blocked_ip", "spam: blocked IP range"),
    ("blocked_word", "spam: blocked word"),
    ("premoderated", "held: article is pre-moderated"),
    ("links", "held: 3 links"),
    ("moderation_word", "held: moderation word “scam”"),
    ("newcomer", "held: first-time commenter"),
    (None, "approved: 7 earlier approved comments"),
]


def comment_tripping(rules):
    """The fields of a comment that trips exactly these rules."""
    body = "Cheap viagra and a scam"
    if "links" in rules:
        body += " https://a.example.org https://b.example.org https://c.example.org"
    return {
        "body": body,
        "email": "bad@spam.example",
        "ip_address": "203.0.113.9",
        "policy": Policy.PREMODERATED if "premoderated" in rules else Policy.OPEN,
        "earlier_approved": 0 if "newcomer" in rules else 7,
        "bans": [Ban(email="bad@spam.example")] if "ban" in rules else [],
        "discussion": discussion(
            blocked_emails="bad@spam.example" if "blocked_email" in rules else "",
            blocked_domains="spam.example" if "blocked_domain" in rules else "",
            blocked_ips="203.0.113.0/24" if "blocked_ip" in rules else "",
            blocked_words="viagra" if "blocked_word" in rules else "",
            moderation_words="scam" if "moderation_word" in rules else "",
        ),
    }


@pytest.mark.parametrize(
    ("first", "reason"),
    [(index, reason) for index, (_, reason) in enumerate(RULES_IN_ORDER)],
    ids=[rule or "none" for rule, _ in RULES_IN_ORDER],
)
def test_spam_rules_beat_holds_and_holds_beat_auto_approval(first, reason):
    # The comment trips this rule and every later one: the earliest must give the verdict.
    rules = {rule for rule, _ in RULES_IN_ORDER[first:] if rule}
    assert verdict(**comment_tripping(rules)).reason == reason


def test_a_spam_rule_beats_a_pre_moderated_article():
    settings = discussion(blocked_words="viagra")
    result = verdict(body="viagra", policy=Policy.PREMODERATED, discussion=settings)
    assert result.status == Status.SPAM


def test_a_hold_beats_a_trusted_commenter():
    result = verdict(body="https://a.x.org https://b.x.org https://c.x.org", earlier_approved=99)
    assert result.status == Status.PENDING


# The settings' lists.


def test_setting_lists_ignore_blank_lines_surrounding_space_and_comments():
    assert setting_lines("  viagra \n\n# a note\ncasino\r\n") == ["viagra", "casino"]


def test_finding_a_word_ignores_case_and_reports_the_word_as_listed():
    assert find_word(["Free Money"], "free money!") == "Free Money"
    assert find_word(["casino"], "nothing here") is None


# Whether an article takes comments.


def article(**fields):
    fields.setdefault("status", Article.Status.PUBLISHED)
    fields.setdefault("published_at", NOW - timedelta(hours=1))
    fields.setdefault("comment_policy", Policy.OPEN)
    return Article(**fields)


def test_an_open_published_article_takes_comments():
    assert comments_closed_reason(article(), discussion(), NOW) is None


def test_a_pre_moderated_article_takes_comments():
    assert (
        comments_closed_reason(article(comment_policy=Policy.PREMODERATED), discussion(), NOW)
        is None
    )


def test_a_closed_article_takes_none():
    reason = comments_closed_reason(article(comment_policy=Policy.CLOSED), discussion(), NOW)
    assert reason == "comments are closed on this article"


@pytest.mark.parametrize(
    ("hours_ago", "closed"), [(1, False), (47, False), (48, True), (100, True)]
)
def test_an_article_closing_after_hours_closes_at_that_age(hours_ago, closed):
    subject = article(
        comment_policy=Policy.CLOSE_AFTER,
        comments_close_after_hours=48,
        published_at=NOW - timedelta(hours=hours_ago),
    )
    reason = comments_closed_reason(subject, discussion(), NOW)
    assert reason == ("comments closed 48 hours after publication" if closed else None)


def test_an_article_closing_after_no_hours_set_stays_open():
    subject = article(comment_policy=Policy.CLOSE_AFTER, comments_close_after_hours=None)
    assert comments_closed_reason(subject, discussion(), NOW) is None


@pytest.mark.parametrize(("days_ago", "closed"), [(13, False), (14, True), (400, True)])
def test_comments_close_site_wide_a_number_of_days_after_publication(days_ago, closed):
    subject = article(published_at=NOW - timedelta(days=days_ago))
    reason = comments_closed_reason(subject, discussion(close_after_days=14), NOW)
    assert reason == ("comments closed 14 days after publication" if closed else None)


def test_without_a_site_wide_limit_old_articles_stay_open():
    subject = article(published_at=NOW - timedelta(days=3650))
    assert comments_closed_reason(subject, discussion(close_after_days=None), NOW) is None


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Article.Status.DRAFT, "published_at": None},
        {"status": Article.Status.IN_REVIEW, "published_at": None},
        {"status": Article.Status.DRAFT, "published_at": NOW - timedelta(days=1)},
        {"status": Article.Status.PUBLISHED, "published_at": NOW + timedelta(hours=1)},
    ],
    ids=["draft", "in-review", "unpublished", "scheduled"],
)
def test_an_article_readers_cannot_see_takes_no_comments(fields):
    assert comments_closed_reason(article(**fields), discussion(), NOW) == (
        "the article is not published"
    )


# Where a reply goes.


def comment_at(depth, parent=None):
    return Comment(pk=depth, depth=depth, parent=parent)


def test_a_reply_within_the_allowed_depth_goes_under_its_comment():
    top = comment_at(1)
    assert reply_parent(top, thread_depth=3) is top
    second = comment_at(2, top)
    assert reply_parent(second, thread_depth=3) is second


def test_a_reply_to_a_comment_at_the_deepest_level_goes_beside_it():
    top = comment_at(1)
    second = comment_at(2, top)
    third = comment_at(3, second)
    assert reply_parent(third, thread_depth=3) is second
    assert reply_parent(second, thread_depth=2) is top


def test_without_threads_a_reply_becomes_a_top_level_comment():
    top = comment_at(1)
    assert reply_parent(top, thread_depth=1) is None


def test_a_new_top_level_comment_has_no_parent():
    assert reply_parent(None, thread_depth=3) is None

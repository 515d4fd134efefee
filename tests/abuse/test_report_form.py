"""The comment report form under random and hostile input: never a 500, nothing stored on
error, the reader's words kept; a valid report stored once."""

from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from hypothesis import example, given
from hypothesis import strategies as st

from comments.models import CommentReport

from .helpers import fuzz_settings, one_example
from .strategies import hostile_text, multi, numbers

pytestmark = pytest.mark.django_db

REASONS = list(CommentReport.Reason.values)


def report_url(comment_id):
    return reverse("comments:report", kwargs={"comment_id": 1}).replace(
        "/1/", f"/{quote(str(comment_id), safe='')}/"
    )


report_data = st.fixed_dictionaries(
    {},
    optional={
        "reason": multi(st.one_of(st.sampled_from(REASONS), hostile_text)),
        "details": multi(hostile_text),
    },
)


def last(data, name):
    value = data.get(name)
    if isinstance(value, list):
        return value[-1] if value else None
    return value


@fuzz_settings(1.5)
@given(data=report_data, urlencoded=st.booleans())
@example(data={"reason": REASONS[0], "details": "a\x00b"}, urlencoded=True)
@example(data={"reason": [REASONS[0], "nonsense"]}, urlencoded=False)
@example(
    data={"reason": REASONS[0], "details": "</textarea><script>x</script>" * 30}, urlencoded=True
)
def test_any_report_is_answered_without_a_500_and_stores_only_a_valid_report(
    article, data, urlencoded
):
    comment = article.comments.get()
    with one_example():
        client = Client()
        if urlencoded:
            body = urlencode(data, doseq=True)
            response = client.post(
                report_url(comment.pk), body, content_type="application/x-www-form-urlencoded"
            )
        else:
            response = client.post(report_url(comment.pk), data)
        assert response.status_code in {200, 400}
        reports = list(CommentReport.objects.filter(comment=comment))
        if response.status_code == 200:
            [report] = reports
            assert report.reason == last(data, "reason")
            assert len(report.details) <= 500 and "\x00" not in report.details
        else:
            assert reports == []
            details = last(data, "details")
            if details:
                assert escape(details) in response.content.decode()


@fuzz_settings(1)
@given(comment_id=st.one_of(numbers, hostile_text.filter(lambda v: len(v) < 200)))
@example(comment_id=str(2**63))
@example(comment_id="-1")
def test_a_report_on_any_comment_address_is_answered_without_a_500(article, comment_id):
    with one_example():
        client = Client()
        assert client.get(report_url(comment_id)).status_code in {200, 404}
        response = client.post(report_url(comment_id), {"reason": REASONS[0]})
        assert response.status_code in {200, 404}
        if response.status_code == 404:
            assert not CommentReport.objects.exists()

"""Stories' and sections' addresses: the same strings reverse() gives, however they are made."""

import pytest
from django.urls import clear_script_prefix, reverse, set_script_prefix

from articles.addresses import address, address_template
from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def script_prefix():
    yield set_script_prefix
    clear_script_prefix()


@pytest.mark.parametrize(
    "kwargs",
    [
        {"year": "2026", "month": "12", "day": "07", "slug": "council-votes"},
        {"year": "0001", "month": "01", "day": "01", "slug": "a"},
        {"year": "9999", "month": "12", "day": "31", "slug": "under_score-and-123"},
    ],
)
def test_a_story_address_is_what_reverse_gives(kwargs):
    assert address("articles:detail", **kwargs) == reverse("articles:detail", kwargs=kwargs)


def test_a_value_that_needs_quoting_is_left_to_reverse():
    assert address("articles:tag", slug="café") == reverse("articles:tag", kwargs={"slug": "café"})
    assert address("articles:tag", slug="café") == "/tag/caf%C3%A9/"


def test_a_value_the_converter_refuses_is_refused_as_by_reverse():
    from django.urls import NoReverseMatch

    with pytest.raises(NoReverseMatch):
        address("articles:detail", year="2026", month="12", day="07", slug="two/parts")


def test_the_script_prefix_the_site_is_served_under_is_followed(script_prefix):
    script_prefix("/news/")
    assert address("articles:section", slug="sport") == "/news/section/sport/"
    script_prefix("/7391/")  # Holds a placeholder: reverse() does it all.
    assert (
        address_template("articles:detail", ("year", "month", "day", "slug"), "/7391/", None)
        is None
    )
    assert address("articles:detail", year="7391", month="01", day="02", slug="x") == (
        "/7391/7391/01/02/x/"
    )


def test_models_give_the_reversed_addresses():
    article = make_article()
    section = make_section(slug="city-hall")
    assert section.get_absolute_url() == reverse("articles:section", kwargs={"slug": "city-hall"})
    from django.utils import timezone

    local = timezone.localtime(article.published_at)
    assert article.get_absolute_url() == reverse(
        "articles:detail",
        kwargs={"year": local.year, "month": local.month, "day": local.day, "slug": article.slug},
    )

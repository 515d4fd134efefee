import re

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext

from photos.models import Photo
from photos.services import photo_create

from . import images

pytestmark = pytest.mark.django_db


def make_photo(size=(2000, 1000), alt_text="Crowd on the bridge <at dusk>"):
    return photo_create(
        image_file=images.upload(images.jpeg_with_gps(size=size, orientation=None)),
        alt_text=alt_text,
    )


def render(source, **context):
    return Template("{% load photos %}" + source).render(Context(context)).strip()


def attribute(html, tag, name):
    match = re.search(rf"<{tag}\b[^>]*\s{name}=\"([^\"]*)\"", html)
    return match.group(1) if match else None


def test_the_tag_renders_a_picture_with_webp_and_jpeg_srcsets():
    photo = Photo.objects.with_renditions().get(pk=make_photo().pk)
    html = render("{% responsive_image photo %}", photo=photo)
    assert html.startswith("<picture>") and html.endswith("</picture>")
    assert attribute(html, "source", "type") == "image/webp"
    webp = attribute(html, "source", "srcset")
    assert [entry.split()[1] for entry in webp.split(", ")] == ["480w", "960w", "1600w"]
    assert all(entry.split()[0].endswith(".webp") for entry in webp.split(", "))
    jpeg = attribute(html, "img", "srcset")
    assert all(entry.split()[0].endswith(".jpg") for entry in jpeg.split(", "))
    assert attribute(html, "img", "src").endswith("/960w.jpg")
    assert attribute(html, "img", "sizes") == "(min-width: 60rem) 40rem, 100vw"
    assert attribute(html, "source", "sizes") == "(min-width: 60rem) 40rem, 100vw"
    assert (attribute(html, "img", "width"), attribute(html, "img", "height")) == ("960", "480")
    assert attribute(html, "img", "alt") == "Crowd on the bridge &lt;at dusk&gt;"
    assert attribute(html, "img", "loading") == "lazy"
    assert attribute(html, "img", "decoding") == "async"


def test_the_lead_photo_is_not_lazy_and_sizes_and_class_can_be_given():
    photo = make_photo()
    html = render(
        '{% responsive_image photo sizes="100vw" lazy=False css_class="lead" %}', photo=photo
    )
    assert "loading=" not in html
    assert attribute(html, "img", "sizes") == "100vw"
    assert attribute(html, "img", "class") == "lead"


def test_the_tag_renders_a_square_crop_for_head_shots():
    photo = make_photo()
    html = render('{% responsive_image photo ratio="1:1" %}', photo=photo)
    assert "/1x1-" in attribute(html, "img", "src")
    assert attribute(html, "img", "width") == attribute(html, "img", "height")
    assert [e.split()[1] for e in attribute(html, "img", "srcset").split(", ")] == [
        "480w",
        "960w",
        "1000w",
    ]


def test_a_small_photo_offers_only_its_own_width():
    html = render("{% responsive_image photo %}", photo=make_photo(size=(320, 240)))
    assert attribute(html, "img", "srcset").endswith(" 320w")
    assert attribute(html, "img", "width") == "320"


def test_no_photo_renders_nothing():
    assert render("{% responsive_image photo %}", photo=None) == ""


def test_many_photos_take_the_same_number_of_queries_as_one():
    def queries_for(count):
        template = Template(
            "{% load photos %}{% for photo in photos %}{% responsive_image photo %}{% endfor %}"
        )
        with CaptureQueriesContext(connection) as captured:
            html = template.render(Context({"photos": Photo.objects.with_renditions()[:count]}))
        assert html.count("<picture>") == count
        return len(captured)

    for _ in range(5):
        make_photo(size=(600, 400))
    assert queries_for(1) == queries_for(5) == 2

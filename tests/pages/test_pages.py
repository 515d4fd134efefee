"""The simple pages editors keep: About, Contact and the two policies, linked from every footer."""

import pytest
from django.urls import reverse

from pages.admin import PageAdminForm
from pages.models import Page
from tests.factories import make_user

pytestmark = pytest.mark.django_db

STARTING_PAGES = ["about", "contact", "corrections-policy", "comment-policy"]


@pytest.mark.parametrize("slug", STARTING_PAGES)
def test_each_starting_page_exists_and_is_linked_from_the_footer(client, slug):
    url = reverse("pages:detail", args=[slug])
    response = client.get(url)
    assert response.status_code == 200
    assert f"<h1>{Page.objects.get(slug=slug).title}</h1>" in response.content.decode()
    front = client.get(reverse("articles:front-page")).content.decode()
    footer = front[front.index('<footer class="site-footer">') :]
    assert f'href="{url}"' in footer


def test_a_page_left_out_of_the_footer_is_still_served(client):
    Page.objects.filter(slug="contact").update(in_footer=False)
    front = client.get("/").content.decode()
    assert 'href="/contact/"' not in front
    assert client.get("/contact/").status_code == 200


def test_unknown_page_is_not_found(client):
    assert client.get("/no-such-page/").status_code == 404


def test_other_addresses_win_over_page_slugs(client):
    Page.objects.create(title="Shadow", slug="corrections", in_footer=False)
    response = client.get("/corrections/")
    assert response.status_code == 200
    assert "Shadow" not in response.content.decode()


def test_a_page_cannot_take_an_address_the_site_uses():
    form = PageAdminForm(data={"title": "Feed", "slug": "feed", "footer_order": "0"})
    assert not form.is_valid()
    assert "already uses this address" in str(form.errors["slug"])


def test_page_body_is_sanitised_when_saved_and_when_shown(client):
    form = PageAdminForm(
        data={
            "title": "Ethics",
            "slug": "ethics",
            "summary": "",
            "body": '<p onclick="x()">Fair.</p><script>alert(1)</script>',
            "in_footer": "on",
            "footer_order": "9",
        }
    )
    assert form.is_valid(), form.errors
    page = form.save()
    assert "script" not in page.body and "onclick" not in page.body
    Page.objects.filter(pk=page.pk).update(body='<p>Hi</p><img src=x onerror="alert(1)">')
    html = client.get("/ethics/").content.decode()
    assert "onerror" not in html


def test_a_picture_from_another_site_on_a_page_is_shown_as_a_link(client):
    Page.objects.create(
        title="History",
        slug="history",
        body='<p>Our first office:</p><img src="https://old.example.com/office.jpg" alt="Office">',
    )
    html = client.get("/history/").content.decode()
    assert 'src="https://old.example.com' not in html
    assert 'href="https://old.example.com/office.jpg" rel="noopener">Picture: Office</a>' in html


def test_editors_edit_pages_in_the_admin(client):
    client.force_login(make_user(is_superuser=True))
    page = Page.objects.get(slug="about")
    response = client.get(reverse("admin:pages_page_change", args=[page.pk]))
    assert response.status_code == 200

import pytest
from django.urls import reverse

from authors.models import Author
from tests.factories import make_author, make_user

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:authors_author_add")


def author_data(**fields):
    return {"name": "Ana Ruiz", "slug": "ana-ruiz", "job_title": "", "bio": "", **fields}


def test_editor_can_add_an_author_profile(client):
    client.force_login(make_user(role="Editor"))
    response = client.post(ADD_URL, author_data(job_title="Health reporter"))
    assert response.status_code == 302
    author = Author.objects.get(slug="ana-ruiz")
    assert author.job_title == "Health reporter"
    assert author.get_absolute_url() == "/author/ana-ruiz/"


def test_editor_cannot_link_a_login_to_an_author(client):
    client.force_login(make_user(role="Editor"))
    reporter = make_user(role="Reporter")
    assert 'name="user"' not in client.get(ADD_URL).content.decode()
    response = client.post(ADD_URL, author_data(user=reporter.pk))
    assert response.status_code == 302
    assert Author.objects.get(slug="ana-ruiz").user is None


def test_superuser_links_a_login_to_an_author(client):
    client.force_login(make_user(is_superuser=True))
    reporter = make_user(role="Reporter")
    response = client.post(ADD_URL, author_data(user=reporter.pk))
    assert response.status_code == 302
    assert Author.objects.get(slug="ana-ruiz").user == reporter


def test_author_search_in_the_admin_finds_names(client):
    client.force_login(make_user(role="Editor"))
    make_author(name="Ana Ruiz")
    make_author(name="Tom Berg")
    response = client.get(reverse("admin:authors_author_changelist"), {"q": "ruiz"})
    assert [author.name for author in response.context["cl"].result_list] == ["Ana Ruiz"]

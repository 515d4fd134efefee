from django.urls import path, register_converter

from . import views


class FourDigitYear:
    regex = "[0-9]{4}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):04d}"


class TwoDigits:
    regex = "[0-9]{2}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):02d}"


class TagSlug:
    """Tag slugs as django-taggit makes them: accents and non-Latin letters kept ("café")."""

    regex = r"[-\w]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(FourDigitYear, "yyyy")
register_converter(TwoDigits, "nn")
register_converter(TagSlug, "tagslug")

app_name = "articles"

urlpatterns = [
    path("", views.FrontPageView.as_view(), name="front-page"),
    path(
        "<yyyy:year>/<nn:month>/<nn:day>/<slug:slug>/",
        views.ArticleDetailView.as_view(),
        name="detail",
    ),
    # Archives by segment count: a year, a year and month, never mistaken for an article.
    path("<yyyy:year>/", views.ArchiveYearView.as_view(), name="archive-year"),
    path("<yyyy:year>/<nn:month>/", views.ArchiveMonthView.as_view(), name="archive-month"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("preview/<int:pk>/", views.ArticlePreviewView.as_view(), name="preview"),
    path("preview/link/<str:token>/", views.ArticlePreviewLinkView.as_view(), name="preview-link"),
    path("corrections/", views.CorrectionListView.as_view(), name="corrections"),
    path("section/<slug:slug>/", views.SectionView.as_view(), name="section"),
    path("tag/<tagslug:slug>/", views.TagView.as_view(), name="tag"),
]

from django.shortcuts import get_object_or_404
from django.views.generic import ListView

from articles.models import Article
from articles.views import PublicPageMixin

from .models import Author


class AuthorDetailView(PublicPageMixin, ListView):
    """An author's profile and their published articles, newest first."""

    template_name = "authors/author_detail.html"
    context_object_name = "articles"

    def get_queryset(self):
        authors = Author.objects.select_related("photo").prefetch_related("photo__renditions")
        self.author = get_object_or_404(authors, slug=self.kwargs["slug"])
        return Article.objects.published().filter(authors=self.author).cards()

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)

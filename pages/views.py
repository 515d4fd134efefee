from django.views.generic import DetailView

import pagecache

from .models import Page


class PageDetailView(DetailView):
    model = Page
    context_object_name = "page"

    def get(self, request, *args, **kwargs):
        pagecache.cache_for_readers(request)  # A page changes only with the site ("site").
        return super().get(request, *args, **kwargs)

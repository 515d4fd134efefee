from django.db import models
from django.urls import reverse


class PageQuerySet(models.QuerySet):
    def in_footer(self):
        """Pages linked from every page's footer, in the order editors chose."""
        return self.filter(in_footer=True).order_by("footer_order", "title")


class Page(models.Model):
    """A simple page editors keep up to date: About, Contact, the policies."""

    title = models.CharField(max_length=120)
    slug = models.SlugField(
        max_length=80,
        unique=True,
        help_text="The page's address: /about/ for “about”. Changing it breaks old links.",
    )
    summary = models.CharField(
        max_length=300,
        blank=True,
        help_text="One sentence for search engines and link previews.",
    )
    body = models.TextField(
        blank=True,
        help_text="Use the toolbar for headings, lists and links. Styling is not kept.",
    )
    in_footer = models.BooleanField(
        "link from the footer", default=True, help_text="Show a link on every page's footer."
    )
    footer_order = models.PositiveSmallIntegerField(
        default=0, help_text="Footer links go from low to high."
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["footer_order", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("pages:detail", kwargs={"slug": self.slug})

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class PageQuerySet(models.QuerySet):
    def in_footer(self):
        """Pages linked from every page's footer, in the order editors chose."""
        return self.filter(in_footer=True).order_by("footer_order", "title")


class Page(models.Model):
    """A simple page editors keep up to date: About, Contact, the policies."""

    title = models.CharField(_("title"), max_length=120)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        help_text=_("The page's address: /about/ for “about”. Changing it breaks old links."),
    )
    summary = models.CharField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("One sentence for search engines and link previews."),
    )
    body = models.TextField(
        _("body"),
        blank=True,
        help_text=_("Use the toolbar for headings, lists and links. Styling is not kept."),
    )
    in_footer = models.BooleanField(
        _("link from the footer"), default=True, help_text=_("Show a link on every page's footer.")
    )
    footer_order = models.PositiveSmallIntegerField(
        _("footer order"), default=0, help_text=_("Footer links go from low to high.")
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PageQuerySet.as_manager()

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["footer_order", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("pages:detail", kwargs={"slug": self.slug})

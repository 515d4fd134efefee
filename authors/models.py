from django.conf import settings
from django.db import models
from django.urls import reverse


class Author(models.Model):
    """A person who writes for the outlet; wire services and contributors need no login."""

    name = models.CharField(max_length=120, help_text="As printed in the byline, e.g. “Ana Ruiz”.")
    slug = models.SlugField(
        max_length=120, unique=True, help_text="Used in the author page address: /author/<slug>/."
    )
    job_title = models.CharField(
        max_length=120, blank=True, help_text="For example “Health reporter” or “Wire service”."
    )
    bio = models.TextField(
        blank=True, max_length=1000, help_text="Two or three sentences shown on the author page."
    )
    photo = models.ForeignKey(
        "photos.Photo",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="A head shot from the photo library, cropped square around its focal point.",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author",
        help_text="The login this profile belongs to, if any. Leave empty for contributors.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("authors:detail", kwargs={"slug": self.slug})

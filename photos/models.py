from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import renditions


class PhotoQuerySet(models.QuerySet):
    def with_renditions(self):
        """Load every photo's renditions in one more query, however many photos there are."""
        return self.prefetch_related(
            models.Prefetch("renditions", queryset=Rendition.objects.order_by("width", "id"))
        )


FOCAL_HELP = _(
    "Optional. Where the subject is, from 0 (left/top) to 1 (right/bottom), e.g. 0.5 for the "
    "middle. Square and wide crops keep this point in view. Fill in both or neither."
)


class Photo(models.Model):
    """An image in the library: a cleaned original plus renditions made when it was uploaded."""

    image = models.ImageField(
        _("original"),
        upload_to="photos/",
        max_length=255,
        help_text=_(
            "A JPEG, PNG, WebP or GIF file. Location and camera details are removed when it is "
            "saved; smaller copies for phones and the web are made at the same time."
        ),
    )
    alt_text = models.CharField(
        _("alt text"),
        max_length=300,
        help_text=_(
            "What the photo shows, for readers who cannot see it, e.g. “Flooded main street in "
            "Riverside, seen from the bridge”. Required."
        ),
    )
    caption = models.TextField(
        _("caption"), blank=True, max_length=1000, help_text=_("Shown under the photo. Optional.")
    )
    credit = models.CharField(
        _("credit"),
        max_length=200,
        blank=True,
        help_text=_("Who took it and for whom, e.g. “Ana Ruiz / The Riverside Ledger”."),
    )
    focal_x = models.FloatField(
        _("focal point (across)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=FOCAL_HELP,
    )
    focal_y = models.FloatField(
        _("focal point (down)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=FOCAL_HELP,
    )
    width = models.PositiveIntegerField(
        _("width"), editable=False, help_text=_("Of the original, in pixels.")
    )
    height = models.PositiveIntegerField(
        _("height"), editable=False, help_text=_("Of the original, in pixels.")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = PhotoQuerySet.as_manager()

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(alt_text=""),
                name="photo_has_alt_text",
                violation_error_message=_("Describe the photo for readers who cannot see it."),
            ),
            models.CheckConstraint(
                condition=models.Q(focal_x__isnull=True) | models.Q(focal_x__gte=0, focal_x__lte=1),
                name="photo_focal_x_between_0_and_1",
                violation_error_message=_("The focal point goes from 0 to 1."),
            ),
            models.CheckConstraint(
                condition=models.Q(focal_y__isnull=True) | models.Q(focal_y__gte=0, focal_y__lte=1),
                name="photo_focal_y_between_0_and_1",
                violation_error_message=_("The focal point goes from 0 to 1."),
            ),
            models.CheckConstraint(
                condition=models.Q(focal_x__isnull=True, focal_y__isnull=True)
                | models.Q(focal_x__isnull=False, focal_y__isnull=False),
                name="photo_focal_point_complete",
                violation_error_message=_("Give both coordinates of the focal point, or neither."),
            ),
        ]

    def __str__(self):
        label = self.alt_text if len(self.alt_text) <= 60 else self.alt_text[:59] + "…"
        return label or gettext("Photo %(id)s") % {"id": self.pk}

    def renditions_for(self, ratio="", image_format=None):
        """This photo's renditions of one ratio (and format), narrowest first, from the cache
        that with_renditions() fills."""
        return [
            rendition
            for rendition in sorted(self.renditions.all(), key=lambda r: (r.width, r.pk))
            if rendition.ratio == ratio
            and (image_format is None or rendition.format == image_format)
        ]


class Rendition(models.Model):
    """A resized (and possibly cropped) copy of a photo, made by photos.services."""

    class Format(models.TextChoices):
        JPEG = "JPEG", _("JPEG")
        PNG = "PNG", _("PNG")
        WEBP = "WEBP", _("WebP")

    class Ratio(models.TextChoices):
        ORIGINAL = "", _("Original proportions")
        WIDE = "16:9", _("16:9")
        SQUARE = "1:1", _("1:1 (head shots)")

    photo = models.ForeignKey(
        Photo, on_delete=models.CASCADE, related_name="renditions", verbose_name=_("photo")
    )
    ratio = models.CharField(_("ratio"), max_length=8, blank=True, choices=Ratio.choices)
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    format = models.CharField(_("format"), max_length=8, choices=Format.choices)
    file = models.FileField(_("file"), max_length=255)
    size = models.PositiveIntegerField(_("size"), help_text=_("In bytes."))

    class Meta:
        verbose_name = _("rendition")
        verbose_name_plural = _("renditions")
        ordering = ["photo", "ratio", "format", "width"]
        constraints = [
            models.UniqueConstraint(
                fields=["photo", "ratio", "format", "width"], name="rendition_unique_per_photo"
            )
        ]

    def __str__(self):
        ratio = f" {self.ratio}" if self.ratio else ""
        return f"{self.width}x{self.height}{ratio} {self.get_format_display()}"

    @property
    def mime_type(self):
        return renditions.MIME_TYPES[self.format]

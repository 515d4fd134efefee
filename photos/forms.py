from django import forms
from django.core.files.uploadedfile import UploadedFile

from .models import Photo
from .validation import prepare_image


class PhotoForm(forms.ModelForm):
    """The admin's photo form: the upload is checked by decoding it, as the service will."""

    class Meta:
        model = Photo
        fields = ["image", "alt_text", "caption", "credit", "focal_x", "focal_y"]
        # A plain file field: Django's ImageField would judge the file by its extension and
        # answer with its own, vaguer message before ours runs.
        field_classes = {"image": forms.FileField}
        widgets = {"caption": forms.Textarea(attrs={"rows": 3})}

    def clean_image(self):
        upload = self.cleaned_data["image"]
        if isinstance(upload, UploadedFile):
            prepared = prepare_image(upload)
            # The stored name comes from the verified format (see services); this one only has to
            # satisfy the model field's extension check.
            upload.name = f"upload.{prepared.format.lower()}"
            upload.seek(0)
        return upload

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from .models import Comment

# Control characters other than tab, line feed and carriage return (and DEL, and C1 controls).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def reject_control_characters(value):
    if CONTROL_CHARACTERS.search(value):
        raise ValidationError(
            "This field contains invisible control characters. Please remove them and try again.",
            code="control_characters",
        )


class CommentForm(forms.ModelForm):
    """What a reader submits under an article. Every field is checked; the email is never shown."""

    body = forms.CharField(
        label="Comment",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8, "cols": 45, "maxlength": 5000}),
        validators=[reject_control_characters],
        error_messages={"required": "Please write a comment."},
    )
    name = forms.CharField(
        label="Name",
        max_length=100,
        validators=[reject_control_characters],
        widget=forms.TextInput(attrs={"autocomplete": "name", "maxlength": 100}),
        error_messages={"required": "Please give your name."},
    )
    email = forms.EmailField(
        label="Email",
        max_length=254,
        validators=[reject_control_characters],
        widget=forms.EmailInput(attrs={"autocomplete": "email", "maxlength": 254}),
        error_messages={
            "required": "Please give your email address. It will not be published.",
            "invalid": "Please give a valid email address, like name@example.org.",
        },
    )
    url = forms.URLField(
        label="Website",
        required=False,
        max_length=200,
        assume_scheme="https",
        validators=[
            reject_control_characters,
            URLValidator(
                schemes=["http", "https"],
                message="Please give a web address starting with http:// or https://.",
            ),
        ],
        widget=forms.URLInput(attrs={"autocomplete": "url", "maxlength": 200}),
    )

    class Meta:
        model = Comment
        fields = ["body", "name", "email", "url"]

    def clean_url(self):
        url = self.cleaned_data["url"]
        if url and not url.lower().startswith(("http://", "https://")):
            raise ValidationError(
                "Please give a web address starting with http:// or https://.", code="scheme"
            )
        return url

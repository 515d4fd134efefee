import re

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from .models import Comment

# Control characters (C0 except tab, line feed, carriage return; DEL; C1). NUL is left to
# Django's own ProhibitNullCharactersValidator, which every CharField runs, so that a NUL gives
# one message, not two.
CONTROL_CHARACTERS = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# A name, an email or a web address is one line: no tab or line break either.
LINE_CONTROL_CHARACTERS = re.compile(r"[\x01-\x1f\x7f-\x9f]")

CONTROL_MESSAGE = _(
    "This field contains invisible control characters. Please remove them and try again."
)
SCHEME_MESSAGE = _("Please give a web address starting with http:// or https://.")
TEXT_ERRORS = {"null_characters_not_allowed": CONTROL_MESSAGE}


def reject_control_characters(value):
    if CONTROL_CHARACTERS.search(value):
        raise ValidationError(CONTROL_MESSAGE, code="control_characters")


def reject_line_control_characters(value):
    if LINE_CONTROL_CHARACTERS.search(value):
        raise ValidationError(CONTROL_MESSAGE, code="control_characters")


class EmailAddressField(forms.EmailField):
    """An email address on one line: a line break could smuggle in a mail header."""

    def to_python(self, value):
        value = super().to_python(value)
        # Checked before the validators run, so that a bad address gets one message, not two.
        if "\x00" in value or LINE_CONTROL_CHARACTERS.search(value):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return value


class WebsiteField(forms.URLField):
    """An http(s) address; anything else (javascript:, data:, ftp:) is refused."""

    default_validators = [URLValidator(schemes=["http", "https"])]
    default_error_messages = {"invalid": SCHEME_MESSAGE}

    def to_python(self, value):
        stripped = value.strip() if isinstance(value, str) else ""
        if "\x00" in stripped or LINE_CONTROL_CHARACTERS.search(stripped):
            raise ValidationError(CONTROL_MESSAGE, code="control_characters")
        return super().to_python(value)


class CommentForm(forms.ModelForm):
    """What a reader submits under an article. Every field is checked; the email is never shown."""

    body = forms.CharField(
        label=_("Comment"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8, "cols": 45, "maxlength": 5000}),
        validators=[reject_control_characters],
        error_messages={
            **TEXT_ERRORS,
            "required": _("Please write a comment."),
            "max_length": _(
                "Please keep your comment to %(limit_value)s characters or fewer "
                "(it has %(show_value)s)."
            ),
        },
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        validators=[reject_line_control_characters],
        widget=forms.TextInput(attrs={"autocomplete": "name", "maxlength": 100}),
        error_messages={
            **TEXT_ERRORS,
            "required": _("Please give your name."),
            "max_length": _(
                "Please keep your name to %(limit_value)s characters or fewer "
                "(it has %(show_value)s)."
            ),
        },
    )
    email = EmailAddressField(
        label=_("Email"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "maxlength": 254}),
        error_messages={
            "required": _("Please give your email address. It will not be published."),
            "invalid": _("Please give a valid email address, like name@example.org."),
            "max_length": _("Please give an email address of at most %(limit_value)s characters."),
        },
    )
    url = WebsiteField(
        label=_("Website"),
        required=False,
        max_length=200,
        # A bare "example.org" becomes "https://example.org".
        assume_scheme="https",
        widget=forms.URLInput(attrs={"autocomplete": "url", "maxlength": 200}),
        error_messages={
            "max_length": _("Please give a web address of at most %(limit_value)s characters."),
        },
    )

    class Meta:
        model = Comment
        fields = ["body", "name", "email", "url"]

    def clean_url(self):
        url = self.cleaned_data["url"]
        # The validator already insists on http(s); this guards against a future change to it.
        if url and not url.lower().startswith(("http://", "https://")):
            raise ValidationError(SCHEME_MESSAGE, code="scheme")
        return url


# How a comment was sent, as opposed to what it says: the reply target and the bot checks.

FORM_TOKEN_SALT = "comments.form-issued"  # noqa: S105 (a namespace, not a secret)
TOO_FAST_MESSAGE = _(
    "That was quicker than a person can type, so your comment was not sent. "
    "Please wait a moment and send it again; what you wrote is kept below."
)
EXPIRED_MESSAGE = _(
    "This form was opened too long ago, so your comment was not sent. "
    "Please send it again; what you wrote is kept below."
)
TOKEN_MESSAGE = _(
    "Your comment could not be checked, so it was not sent. "
    "Please send it again; what you wrote is kept below."
)
HONEYPOT_MESSAGE = _(
    "Your comment was not sent: a field meant to stay empty was filled in (sometimes a "
    "browser's autofill does this). Please send it again; what you wrote is kept below."
)
PARENT_MESSAGE = _(
    "The comment you were replying to is no longer shown, so yours was not sent. "
    "Please send it as a new comment; what you wrote is kept below."
)


def form_token(now):
    """A signed note of when the form was served (seconds since the epoch)."""
    return signing.dumps(int(now), salt=FORM_TOKEN_SALT)


def form_token_problem(token, *, now, min_age, max_age):
    """Why a form token is not acceptable ("too_fast", "expired", "invalid"), or None.

    The token is not tied to an article or a visitor: a bot that reads the page gets one
    anyway. What it proves is time, which floods and scripted posts do not spend.
    """
    try:
        issued = signing.loads(token or "", salt=FORM_TOKEN_SALT)
    except signing.BadSignature:
        return "invalid"
    if not isinstance(issued, int):
        return "invalid"
    age = now - issued
    if age > max_age:
        return "expired"
    if age < min_age:
        return "too_fast"
    return None


class CommentGuardForm(forms.Form):
    """The hidden part of the comment form: which comment it replies to, and the bot checks.

    Kept apart from CommentForm, which is only what the reader writes and what is stored.
    """

    replytocom = forms.CharField(required=False, widget=forms.HiddenInput)
    issued = forms.CharField(required=False, widget=forms.HiddenInput)
    # The honeypot: hidden from people by CSS and from screen readers by aria-hidden; bots that
    # fill every field fill this one. A plausible name, so they do.
    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, now, min_age=3, max_age=2 * 24 * 3600, **kwargs):
        super().__init__(*args, **kwargs)
        self.now = now
        for field in self.fields.values():
            # Judged in clean() as a whole, with one message: no per-field errors (say, a NUL).
            field.validators = []
        self.min_age, self.max_age = min_age, max_age

    def clean_replytocom(self):
        """The id of the comment replied to, or None; a malformed one is simply ignored."""
        value = self.cleaned_data.get("replytocom") or ""
        if len(value) < 20 and value.isascii() and value.isdigit() and 0 < int(value) < 2**63:
            return int(value)
        return None

    def clean(self):
        cleaned = super().clean()
        if self.data.get("homepage"):
            raise ValidationError(HONEYPOT_MESSAGE, code="honeypot")
        problem = form_token_problem(
            self.data.get("issued"),
            now=self.now,
            min_age=self.min_age,
            max_age=self.max_age,
        )
        if problem:
            message = {
                "too_fast": TOO_FAST_MESSAGE,
                "expired": EXPIRED_MESSAGE,
                "invalid": TOKEN_MESSAGE,
            }[problem]
            raise ValidationError(message, code=problem)
        return cleaned

"""Bans: which ones apply to a commenter. Pure given the bans; the query lives on Ban."""

import ipaddress

from django.utils import timezone

from .privacy import normalise_email


def active_bans(now=None):
    from .models import Ban

    now = now or timezone.now()
    return Ban.objects.exclude(expires_at__lte=now)


def ban_applies(ban, *, email, ip_address):
    """Whether this ban covers a commenter with this email and IP address."""
    if ban.email and normalise_email(ban.email) == normalise_email(email):
        return True
    if ban.ip_network and ip_address:
        try:
            network = ipaddress.ip_network(ban.ip_network.strip(), strict=False)
            return ipaddress.ip_address(ip_address) in network
        except ValueError:
            return False
    return False


def find_ban(bans, *, email, ip_address):
    """The first of the given bans that covers this commenter, or None."""
    return next((ban for ban in bans if ban_applies(ban, email=email, ip_address=ip_address)), None)

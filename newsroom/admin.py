"""The login audit (django-axes' records of attempts) for superusers only."""

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin


class SuperuserOnly:
    """Who tried to log in, from where, and when: no role needs it, whatever its permissions.

    Read-only, except that a superuser unlocks a locked-out login by deleting its row under
    Access attempts; the logs stay as they were written.
    """

    deletable = False

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return self.deletable and self.has_module_permission(request)


for model, model_admin, deletable in [
    (AccessAttempt, AccessAttemptAdmin, True),
    (AccessLog, AccessLogAdmin, False),
    (AccessFailureLog, AccessFailureLogAdmin, False),
]:
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    bases = (SuperuserOnly, model_admin)
    admin.site.register(model, type(model_admin.__name__, bases, {"deletable": deletable}))

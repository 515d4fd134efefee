"""The newsroom's roles, as Django groups, kept in step by migrations."""


def sync_roles(apps, roles):
    """Create the groups and give each exactly the permissions listed ("app_label.codename")."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in roles.items():
        group, _ = Group.objects.get_or_create(name=role)
        permissions = []
        for dotted in codenames:
            app_label, codename = dotted.split(".")
            permissions.append(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        group.permissions.set(permissions)

"""The staff groups and what each may do. Synchronised after every migrate, so a new model's
permissions reach the right groups without a hand-written data migration."""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

DOMAIN_APPS = ("programmes", "events", "publications", "donors")
MONEY_MODELS = ("contribution", "historicalcontribution", "exchangerate", "historicalsponsorship")

# Who may see what contributions are worth (Finance and Management): the admin, the exports, the
# dashboard, the funding API and the reports that show money all ask this one permission.
VIEW_AMOUNTS_CODENAME = "view_contribution_amounts"
VIEW_AMOUNTS_PERMISSION = f"donors.{VIEW_AMOUNTS_CODENAME}"

# Who may read participants' private answers (passport details) and fetch their uploaded files: a
# group of its own, given to the few staff who prepare visa letters and travel, beside their usual group.
READ_PRIVATE_ANSWERS_CODENAME = "read_private_answers"

PROGRAMME_STAFF = "Programme staff"
FINANCE = "Finance"
MANAGEMENT = "Management"
PRIVATE_PARTICIPANT_DATA = "Private participant data"


def _domain_permissions():
    return Permission.objects.filter(content_type__app_label__in=DOMAIN_APPS)


def permissions_for(group_name: str):
    domain = _domain_permissions()
    money = Q(content_type__model__in=MONEY_MODELS)
    if group_name == PROGRAMME_STAFF:
        # Everything except money; they may see who the donors are, not what they gave.
        return domain.exclude(money).exclude(codename__in=["run_reports", READ_PRIVATE_ANSWERS_CODENAME])
    if group_name == FINANCE:
        donors = domain.filter(content_type__app_label="donors")
        return donors | domain.filter(codename__startswith="view_")
    if group_name == MANAGEMENT:
        return domain.filter(
            Q(codename__startswith="view_") | Q(codename__in=["run_reports", VIEW_AMOUNTS_CODENAME])
        ) | Permission.objects.filter(content_type__app_label="reporting", codename="view_reportjob")
    if group_name == PRIVATE_PARTICIPANT_DATA:
        return domain.filter(codename=READ_PRIVATE_ANSWERS_CODENAME)
    raise ValueError(f"Unknown group {group_name!r}")


def sync_staff_groups(**kwargs):
    for name in (PROGRAMME_STAFF, FINANCE, MANAGEMENT, PRIVATE_PARTICIPANT_DATA):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(permissions_for(name))


def may_see_amounts(user) -> bool:
    return user.has_perm(VIEW_AMOUNTS_PERMISSION)

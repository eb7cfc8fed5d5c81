"""The management dashboard and the read-only funding API.

Both need a login and programmes.run_reports; amounts are computed and shown only to people with
donors.view_contribution_amounts (finance, management). Everyone else sees how many contributions
and donors there are, never how much."""

from decimal import Decimal

from django.contrib.auth.decorators import login_required, permission_required
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_GET

from programmes.models import Programme
from unidir_cb.core.chart_colours import NO_DATA_COLOUR, PALETTE
from unidir_cb.core.permissions import may_see_amounts
from unidir_cb.core.reporting.registry import RUN_REPORTS_PERMISSION
from unidir_cb.core.world_map import reach_map

from .dashboard import admin_list_url, dashboard_figures, pks
from .forms import DashboardPeriodForm
from .models import Contribution
from .selectors import funding_overview, latest_year_with_output

FundingType = Contribution.FundingType
COUNTRY_CHART_ROWS = 20
RECENT_YEARS = 5


def _default_year(request) -> int:
    """Without a period asked for, the dashboard opens on the latest year the programme asked for (or
    the first) has output in: a new year's first weeks, or a programme that ended, show figures."""
    today = timezone.localdate()
    if request.GET.get("start") or request.GET.get("end"):
        return today.year
    asked_for = Programme.objects.filter(short_name=request.GET.get("programme", "")).first()
    programme = asked_for or Programme.objects.order_by("name").first()
    latest = latest_year_with_output(programme, today) if programme else None
    return latest or today.year


def _period_form(request) -> tuple[DashboardPeriodForm, Programme | None]:
    form = DashboardPeriodForm.with_defaults(request.GET, default_year=_default_year(request))
    programme = None
    if form.is_valid():
        programme = form.cleaned_data.get("programme") or Programme.objects.order_by("name").first()
    return form, programme


@never_cache
@require_GET
@login_required
@permission_required(RUN_REPORTS_PERMISSION, raise_exception=True)
# The world map's SVG is most of the page (about 240 KB, 80 KB compressed). Django's GZip adds random
# bytes to each response against BREACH, and the CSRF token is masked on every response anyway.
@gzip_page
def dashboard(request):
    form, programme = _period_form(request)
    context = {
        "form": form,
        "programme": programme,
        "may_see_amounts": may_see_amounts(request.user),
        # The documents' colours: core funding is the first series, activity-specific the second.
        "chart_colours": {"bar": PALETTE[0], "second": PALETTE[1], "none": NO_DATA_COLOUR},
    }
    if programme is not None:
        values = form.cleaned_data
        figures = dashboard_figures(
            programme, values["start"], values["end"], values["currency"], with_amounts=context["may_see_amounts"]
        )
        context.update(figures=figures, **dashboard_rows(figures, may_see_amounts=context["may_see_amounts"]))
        context["recent_years"] = recent_year_links(programme, values["currency"])
    return render(request, "donors/dashboard.html", context)


def recent_year_links(programme: Programme, currency: str, count: int = RECENT_YEARS) -> list[tuple[int, str]]:
    """(year, query string) for the last `count` calendar years: one click to a whole year."""
    this_year = timezone.localdate().year
    return [
        (
            year,
            urlencode(
                {
                    "programme": programme.short_name,
                    "start": f"{year}-01-01",
                    "end": f"{year}-12-31",
                    "currency": currency,
                }
            ),
        )
        for year in range(this_year, this_year - count, -1)
    ]


def output_counts(events, reach, publications, translations) -> dict:
    """Counts of events, people, countries, publications and translations, each with its admin list."""
    return {
        "events": len(events),
        "events_url": admin_list_url("events.event", pks(events)),
        "participants": reach.participants,
        "participants_url": admin_list_url("events.participant", reach.participant_ids),
        "countries": reach.countries,
        "publications": len(publications),
        "publications_url": admin_list_url("publications.publication", pks(publications)),
        "translations": len(translations),
        "translations_url": admin_list_url("publications.translation", pks(translations)),
    }


def dashboard_rows(figures, *, may_see_amounts: bool) -> dict:
    """What the template shows, each figure with the admin list of what it counts."""
    funding, output = figures.funding, figures.output
    # Programme staff have no access to contributions in the admin: link them only for those who may.
    contribution_url = (lambda items: admin_list_url("donors.contribution", pks(items))) if may_see_amounts else None
    donor_rows = [
        {
            "donor": row.donor,
            "donor_url": admin_list_url("donors.donor", [row.donor.pk]),
            "core_count": row.core_count,
            "activity_specific_count": row.activity_specific_count,
            "core": row.core,
            "activity_specific": row.activity_specific,
            "total": row.total,
            "contributions_url": contribution_url(row.contributions) if contribution_url else "",
        }
        for row in funding.donors
    ]
    by_type = {
        funding_type: [
            contribution for contribution in funding.contributions if contribution.funding_type == funding_type
        ]
        for funding_type in FundingType.values
    }
    year_rows = [
        {
            "year": year.year,
            **output_counts(year.events, year.reach, year.publications, year.translations),
            "funding": funding.summary.by_year.get(year.year, Decimal(0)) if funding.summary else None,
        }
        for year in figures.years
    ]
    publication_rows = [
        {"publication": publication, "languages": output.translation_languages(publication)}
        for publication in output.publications
    ]
    funding_bars = funding_by_year_bars(funding.summary) if funding.summary else []
    largest = max((row.participants for row in figures.countries), default=0)
    country_rows = [
        {
            "country": row,
            "url": admin_list_url("events.participant", row.participant_ids),
            "bar_percent": round(100 * row.participants / largest, 1) if largest else 0,
        }
        for row in figures.countries
    ]
    return {
        "donor_rows": donor_rows,
        "contribution_counts": {
            "core": len(by_type[FundingType.CORE]),
            "activity_specific": len(by_type[FundingType.ACTIVITY_SPECIFIC]),
            "all": len(funding.contributions),
        },
        "contribution_urls": {
            "core": contribution_url(by_type[FundingType.CORE]) if contribution_url else "",
            "activity_specific": contribution_url(by_type[FundingType.ACTIVITY_SPECIFIC]) if contribution_url else "",
            "all": contribution_url(funding.contributions) if contribution_url else "",
        },
        "year_rows": year_rows,
        "publication_rows": publication_rows,
        "country_rows": country_rows,
        "country_chart_rows": [row for row in country_rows if row["country"].code][:COUNTRY_CHART_ROWS],
        "world_map": dashboard_map(country_rows),
        "funding_bars": funding_bars,
        "totals": {
            **output_counts(output.events, figures.reach, output.publications, output.translations),
            "resources": len(output.resources),
            "resources_url": admin_list_url("programmes.informationresource", pks(output.resources)),
            "donors": funding.donor_count,
            "donors_url": admin_list_url("donors.donor", [row.donor.pk for row in funding.donors]),
        },
    }


def funding_by_year_bars(summary) -> list[dict]:
    """Each year's funding as a bar split by type, its length a share of the largest year's; the
    exact amounts are the year table's."""
    largest = max(summary.by_year.values(), default=Decimal(0))
    bars = []
    for year, amounts in summary.by_year_and_type.items():
        parts = [
            {
                "type": funding_type,
                "label": FundingType(funding_type).label,
                "amount": amount,
                "percent": round(100 * amount / largest, 2) if largest else 0,
            }
            for funding_type, amount in amounts.items()
        ]
        bars.append({"year": year, "parts": parts, "total": summary.by_year[year]})
    return bars


def participants_label(name: str, count: int) -> str:
    return ngettext("%(country)s: %(count)d participant", "%(country)s: %(count)d participants", count) % {
        "country": name,
        "count": count,
    }


def dashboard_map(country_rows: list[dict]) -> dict:
    """The choropleth of the countries table: each counted country links to the same admin list as
    its row, and is named and counted (in the page's language) for a pointer, a keyboard and a
    screen reader alike."""
    rows_by_code = {row["country"].code: row for row in country_rows if row["country"].code}
    world = reach_map({code: row["country"].participants for code, row in rows_by_code.items()})
    return {
        "map": world,
        "countries": [
            {
                "mapped": mapped,
                "url": rows_by_code[mapped.shape.code]["url"],
                "label": participants_label(rows_by_code[mapped.shape.code]["country"].name, mapped.count),
            }
            for mapped in world.mapped
        ],
        "not_drawn": [
            participants_label(rows_by_code[code]["country"].name, rows_by_code[code]["country"].participants)
            for code in world.unmapped_codes
        ],
    }


# API -----------------------------------------------------------------------------------------------


def _amount(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


@never_cache
@require_GET
def funding_api(request):
    """GET /api/funding/?start=2022-01-01&end=2023-12-31[&programme=SecTec][&currency=EUR]

    Amounts are decimal strings ("1234.50") in the reporting currency, the parts of each contribution
    that fall in the period; they are left out entirely for people without the finance permission."""
    if not request.user.is_authenticated:
        return JsonResponse({"error": "Log in to read funding figures."}, status=401)
    if not request.user.has_perm(RUN_REPORTS_PERMISSION):
        return JsonResponse({"error": "You may not read funding figures."}, status=403)
    form, programme = _period_form(request)
    if not form.is_valid():
        return JsonResponse({"error": form.errors.get_json_data()}, status=400)
    if programme is None:
        return JsonResponse({"error": "There is no programme yet."}, status=404)
    values = form.cleaned_data
    with_amounts = may_see_amounts(request.user)
    overview = funding_overview(
        programme, values["start"], values["end"], values["currency"], with_amounts=with_amounts
    )
    if overview.missing_rate:
        return JsonResponse({"error": overview.missing_rate}, status=422)
    payload = {
        "programme": programme.short_name,
        "start": values["start"].isoformat(),
        "end": values["end"].isoformat(),
        "contributions": len(overview.contributions),
        "donors": [
            {
                "name": row.donor.name,
                "kind": row.donor.kind,
                "core_contributions": row.core_count,
                "activity_specific_contributions": row.activity_specific_count,
                **(
                    {
                        "core": _amount(row.core),
                        "activity_specific": _amount(row.activity_specific),
                        "total": _amount(row.total),
                    }
                    if with_amounts
                    else {}
                ),
            }
            for row in overview.donors
        ],
        "by_funding_type": {
            funding_type: {
                "contributions": overview.count(funding_type),
                **({"amount": _amount(overview.summary.by_funding_type[funding_type])} if with_amounts else {}),
            }
            for funding_type in FundingType.values
        },
    }
    if with_amounts:
        payload["currency"] = values["currency"]
        payload["by_year"] = {str(year): _amount(amount) for year, amount in overview.summary.by_year.items()}
        payload["total"] = _amount(overview.summary.total)
    return JsonResponse(payload)

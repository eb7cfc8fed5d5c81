"""Charts for donor reports, activity summaries and management snapshots (matplotlib, Agg, no pyplot
state), each a documents.Chart: the picture, its alternative text and its source note.

Counts use the shared horizontal bar chart; the column charts here show time on the x axis
(activities by kind per year, funding by type per year, participants by gender per year), money
with thousands separators; the world map colours countries by their count. All take the style of
rendering.chart_style. The alternative text states the figures the picture draws, so a reader who
cannot see it loses nothing. Import inside a build only: matplotlib takes a second to load.
"""

from collections.abc import Callable
from decimal import Decimal

from django_countries import countries
from matplotlib.collections import PatchCollection
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, PathPatch
from matplotlib.path import Path
from matplotlib.ticker import FuncFormatter, MaxNLocator

from unidir_cb.core import world_map
from unidir_cb.core.chart_colours import BORDER_COLOUR, CLASS_COLOURS, NO_DATA_COLOUR, PALETTE

from .documents import Chart
from .rendering import bar_chart_png, chart_figure, chart_style, figure_png

# Countries a map's alternative text names before "and n more".
NAMED_IN_ALT = 10
# Where the figures come from, printed under each chart.
EVENTS_SOURCE = "Source: the programme's event records."
PARTICIPANTS_SOURCE = "Source: the programme's registration records; people who took part, each counted once."
FUNDING_SOURCE = "Source: the programme's contribution records, converted with the UN operational rates of exchange."


def counts_chart(counts: dict[str, int], *, title: str, source: str, value_label: str = "participants") -> Chart | None:
    """Largest first; None when there is nothing to draw (a chart of zeros says nothing)."""
    rows = sorted(((label, count) for label, count in counts.items() if count), key=lambda row: (-row[1], row[0]))
    if not rows:
        return None
    labels, values = zip(*rows, strict=True)
    alt = f"Bar chart, {title} ({value_label}): " + "; ".join(f"{label} {value:,}" for label, value in rows) + "."
    return Chart(bar_chart_png(labels, values, title=title, value_label=value_label), alt, source)


def money(amount: Decimal) -> str:
    return f"{amount:,.2f}"


def stacked_columns_chart(
    series: dict[str, dict[int, int | Decimal]],
    *,
    title: str,
    value_label: str,
    source: str,
    total_label: Callable[[int | Decimal], str] = "{:,}".format,
    width_cm: float = 16,
    dpi: int = 150,
) -> Chart | None:
    """One column per year, stacked by series (event kinds, funding types, genders), each year's
    total written on top with `total_label` (money() for amounts: the tables' exact figures)."""
    if not series or not any(any(row.values()) for row in series.values()):
        return None
    series = {str(label): row for label, row in series.items() if any(row.values())}  # no empty legend entries
    years = sorted({year for row in series.values() for year in row})
    positions = list(range(len(years)))
    money_axis = any(isinstance(value, Decimal) for row in series.values() for value in row.values())
    with chart_style():
        figure = chart_figure(width_cm, 8.5, dpi)
        axes = figure.add_subplot()
        bottoms = [0.0] * len(years)
        totals = [0] * len(years)
        for index, (label, row) in enumerate(series.items()):
            values = [row.get(year, 0) for year in years]
            heights = [float(value) for value in values]  # drawing only: the labels print the exact totals
            axes.bar(positions, heights, bottom=bottoms, label=label, color=PALETTE[index % len(PALETTE)], width=0.6)
            bottoms = [bottom + height for bottom, height in zip(bottoms, heights, strict=True)]
            totals = [total + value for total, value in zip(totals, values, strict=True)]
        for position, bottom, total in zip(positions, bottoms, totals, strict=True):
            axes.annotate(
                total_label(total),
                (position, bottom),
                ha="center",
                va="bottom",
                xytext=(0, 2),
                textcoords="offset points",
            )
        axes.set_xticks(positions, labels=[str(year) for year in years])
        # With one or two years, keep the columns narrow instead of filling the width.
        padding = max(0.0, (4 - len(years)) / 2)
        axes.set_xlim(-0.5 - padding, len(years) - 0.5 + padding)
        if money_axis:
            axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _position: f"{value:,.0f}"))
        else:
            axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.set_ylim(0, max(bottoms) * 1.15 + (0 if money_axis else 0.5))
        axes.set_ylabel(value_label)
        axes.spines[["top", "right"]].set_visible(False)
        axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
        axes.set_title(title, loc="left", fontweight="bold")
        png = figure_png(figure)
    by_year = [
        f"{year}: "
        + ", ".join(f"{label} {total_label(row[year])}" for label, row in series.items() if row.get(year))
        + f" (total {total_label(total)})"
        for year, total in zip(years, totals, strict=True)
    ]
    return Chart(png, f"Column chart, {title} ({value_label}), stacked: " + "; ".join(by_year) + ".", source)


def _country_path(shape: world_map.CountryShape) -> Path:
    vertices, codes = [], []
    for ring in shape.rings:
        vertices.extend(ring.tolist())
        codes.extend([Path.MOVETO, *[Path.LINETO] * (len(ring) - 1)])
    return Path(vertices, codes)


def world_map_chart(
    counts_by_code: dict[str, int],
    *,
    title: str,
    source: str,
    value_label: str = "participants",
    width_cm: float = 16,
    dpi: int = 150,
) -> Chart | None:
    """The dashboard's choropleth on paper: the same shapes, colour classes and dots for small
    countries, with the legend below. None when no country has a count. The source note ends with
    the boundaries' source and the United Nations' map disclaimer."""
    reach = world_map.reach_map(counts_by_code)
    if not reach.mapped:
        return None
    aspect = reach.height / reach.width
    with chart_style():
        figure = chart_figure(width_cm, width_cm * aspect + 2.6, dpi)
        axes = figure.add_subplot()
        background = [PathPatch(_country_path(shape)) for shape in reach.others]
        axes.add_collection(
            PatchCollection(background, facecolor=NO_DATA_COLOUR, edgecolor=BORDER_COLOUR, linewidth=0.2)
        )
        axes.add_collection(
            PatchCollection(
                [PathPatch(_country_path(country.shape)) for country in reach.mapped],
                facecolor=[country.colour for country in reach.mapped],
                edgecolor=BORDER_COLOUR,
                linewidth=0.2,
            )
        )
        if reach.dots:
            axes.scatter(
                [country.shape.centre[0] for country in reach.dots],
                [country.shape.centre[1] for country in reach.dots],
                s=30,
                c=[country.colour for country in reach.dots],
                edgecolors=CLASS_COLOURS[-1],
                linewidths=0.5,
                zorder=3,
            )
        axes.set_xlim(0, reach.width)
        axes.set_ylim(reach.height, 0)
        axes.set_aspect("equal")
        axes.set_axis_off()
        handles = [Patch(facecolor=colour_class.colour, label=colour_class.label) for colour_class in reach.classes]
        handles.append(Patch(facecolor=NO_DATA_COLOUR, label="none"))
        if reach.dots:
            handles.append(
                Line2D(
                    [],
                    [],
                    marker="o",
                    linestyle="",
                    markersize=4,
                    color=CLASS_COLOURS[2],
                    label="small country",
                )
            )
        axes.legend(
            handles=handles,
            title=value_label.capitalize(),
            loc="upper center",
            bbox_to_anchor=(0.5, 0),
            ncols=len(handles),
            frameon=False,
            handlelength=1.4,
            columnspacing=1.2,
        )
        axes.set_title(title, loc="left", fontweight="bold")
        png = figure_png(figure)
    return Chart(
        png,
        _map_alt(reach, title, value_label),
        f"{source} Boundaries: {world_map.ATLAS_SOURCE}. {world_map.DISCLAIMER}",
    )


def _map_alt(reach: world_map.ReachMap, title: str, value_label: str) -> str:
    largest = sorted(reach.mapped, key=lambda country: (-country.count, countries.name(country.shape.code)))
    named = "; ".join(f"{countries.name(country.shape.code)} {country.count:,}" for country in largest[:NAMED_IN_ALT])
    alt = f"World map, {title} ({value_label}): {len(reach.mapped)} countries shaded, darker for more. Most: {named}"
    if len(largest) > NAMED_IN_ALT:
        alt += f"; and {len(largest) - NAMED_IN_ALT} more"
    if reach.unmapped_codes:
        alt += ". Too small for the map's data: " + ", ".join(countries.name(code) for code in reach.unmapped_codes)
    return alt + "."


def labelled(counts: dict[str, int], labels: dict[str, str]) -> dict[str, int]:
    return {labels.get(key, key): count for key, count in counts.items()}

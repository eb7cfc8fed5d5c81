"""Charts for donor reports and management snapshots (matplotlib, Agg, no pyplot state).

Counts use the shared horizontal bar chart; the two charts here show time on the x axis (activities
by kind per year, funding per year) and format money with thousands separators. Import inside a
build only: matplotlib takes a second to load.
"""

import io
from decimal import Decimal

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from .rendering import FONT_FAMILIES, bar_chart_png

# UN blue first, then colours that stay apart for colour-blind readers (Okabe–Ito).
PALETTE = ["#009edb", "#e69f00", "#009e73", "#cc79a7", "#0072b2", "#d55e00", "#56b4e9", "#f0e442", "#999999"]
CM = 1 / 2.54


def _figure(width_cm: float, height_cm: float, dpi: int) -> Figure:
    figure = Figure(figsize=(width_cm * CM, height_cm * CM), dpi=dpi, layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def _png(figure: Figure) -> bytes:
    output = io.BytesIO()
    figure.savefig(output, format="png")
    return output.getvalue()


def _font_context():
    return matplotlib.rc_context({"font.family": [*FONT_FAMILIES, "DejaVu Sans"], "font.size": 9})


def counts_chart(counts: dict[str, int], *, title: str, value_label: str = "participants") -> bytes | None:
    """Largest first; None when there is nothing to draw (a chart of zeros says nothing)."""
    rows = sorted(((label, count) for label, count in counts.items() if count), key=lambda row: (-row[1], row[0]))
    if not rows:
        return None
    labels, values = zip(*rows, strict=True)
    return bar_chart_png(labels, values, title=title, value_label=value_label)


def stacked_columns_chart(
    series: dict[str, dict[int, int]], *, title: str, value_label: str, width_cm: float = 16, dpi: int = 150
) -> bytes | None:
    """One column per year, stacked by series (e.g. event kinds), with each year's total on top."""
    if not series or not any(any(row.values()) for row in series.values()):
        return None
    years = sorted({year for row in series.values() for year in row})
    positions = list(range(len(years)))
    with _font_context():
        figure = _figure(width_cm, 8.5, dpi)
        axes = figure.add_subplot()
        bottoms = [0] * len(years)
        for index, (label, row) in enumerate(series.items()):
            heights = [row.get(year, 0) for year in years]
            axes.bar(positions, heights, bottom=bottoms, label=label, color=PALETTE[index % len(PALETTE)], width=0.6)
            bottoms = [bottom + height for bottom, height in zip(bottoms, heights, strict=True)]
        for position, total in zip(positions, bottoms, strict=True):
            axes.annotate(
                str(total), (position, total), ha="center", va="bottom", xytext=(0, 2), textcoords="offset points"
            )
        axes.set_xticks(positions, labels=[str(year) for year in years])
        # With one or two years, keep the columns narrow instead of filling the width.
        padding = max(0.0, (4 - len(years)) / 2)
        axes.set_xlim(-0.5 - padding, len(years) - 0.5 + padding)
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.set_ylim(0, max(bottoms) * 1.15 + 0.5)
        axes.set_ylabel(value_label)
        axes.spines[["top", "right"]].set_visible(False)
        axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
        axes.set_title(title, loc="left", fontweight="bold")
        return _png(figure)


def money(amount: Decimal) -> str:
    return f"{amount:,.2f}"


def funding_by_year_chart(
    amounts: dict[int, Decimal], currency: str, *, title: str, width_cm: float = 16, dpi: int = 150
) -> bytes | None:
    """Columns per year labelled with the exact amount (the same figures as the tables)."""
    if not amounts or not any(amounts.values()):
        return None
    years = sorted(amounts)
    values = [float(amounts[year]) for year in years]  # drawing only: the labels print the Decimals
    with _font_context():
        figure = _figure(width_cm, 8, dpi)
        axes = figure.add_subplot()
        positions = list(range(len(years)))
        bars = axes.bar(positions, values, color=PALETTE[0], width=0.55)
        axes.bar_label(bars, labels=[money(amounts[year]) for year in years], padding=3)
        axes.set_xticks(positions, labels=[str(year) for year in years])
        axes.set_ylim(0, max(values) * 1.18)
        axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _position: f"{value:,.0f}"))
        axes.set_ylabel(currency)
        axes.spines[["top", "right"]].set_visible(False)
        axes.set_title(title, loc="left", fontweight="bold")
        return _png(figure)


def labelled(counts: dict[str, int], labels: dict[str, str]) -> dict[str, int]:
    return {labels.get(key, key): count for key, count in counts.items()}

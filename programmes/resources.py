"""Import and export of partner organisations (see unidir_cb/core/data_transfer/resources.py for the shared rules)."""

from import_export.fields import Field

from unidir_cb.core.content import translation_columns
from unidir_cb.core.data_transfer.resources import (
    ChoiceWidget,
    CountryWidget,
    ImportResource,
    TextWidget,
    YesNoWidget,
)
from unidir_cb.core.models import OrganisationKind

from .models import Organisation


class OrganisationResource(ImportResource):
    """One organisation per row, matched by name."""

    required_columns = ("name", "kind")
    key_ignores_case = True

    name = Field(attribute="name", column_name="name", widget=TextWidget())
    acronym = Field(attribute="acronym", column_name="acronym", widget=TextWidget())
    known_by_acronym = Field(
        attribute="known_by_acronym", column_name="known_by_acronym", widget=YesNoWidget(default=True)
    )
    name_takes_article = Field(attribute="name_takes_article", column_name="name_takes_article", widget=YesNoWidget())
    kind = Field(attribute="kind", column_name="kind", widget=ChoiceWidget(OrganisationKind.choices))
    country = Field(attribute="country", column_name="country", widget=CountryWidget())
    website = Field(attribute="website", column_name="website", widget=TextWidget())

    class Meta:
        model = Organisation
        fields = (
            "name",
            *translation_columns("name"),
            "acronym",
            "known_by_acronym",
            "name_takes_article",
            "kind",
            "country",
            "website",
        )
        import_id_fields = ("name",)

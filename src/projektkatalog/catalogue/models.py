"""The catalogue's tables. Natural keys (slugs) make exports identical across databases."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projektkatalog.domain.text import text_fold


class Source(models.Model):
    """A file imported into the catalogue."""

    name = models.CharField(_("namn"), max_length=255, unique=True)
    sha256 = models.CharField(max_length=64)
    imported_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.name


class Category(models.Model):
    name = models.CharField(_("namn"), max_length=255, unique=True)
    slug = models.SlugField(_("adressnamn"), max_length=100, unique=True)
    position = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("kategori")
        verbose_name_plural = _("kategorier")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    name = models.CharField(_("namn"), max_length=300, unique=True)
    slug = models.SlugField(_("adressnamn"), max_length=100, unique=True)
    country = models.CharField(
        _("land"),
        max_length=2,
        blank=True,
        help_text=_("landskod med två bokstäver, t.ex. SE eller DK"),
    )
    search_text = models.TextField(blank=True, editable=False, help_text="folded name for search")

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        name_search_set(self, kwargs)
        super().save(*args, **kwargs)


class OrganisationAlias(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="aliases",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("namn"), max_length=300)
    reviewed = models.BooleanField(
        _("granskad"),
        default=True,
        help_text=_("ej granskad: namnet slogs ihop av likhet och väntar på granskning"),
    )

    search_text = models.TextField(blank=True, editable=False, help_text="folded name for search")

    class Meta:
        verbose_name = _("alternativt namn")
        verbose_name_plural = _("alternativa namn")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unique_org_alias")
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        name_search_set(self, kwargs)
        super().save(*args, **kwargs)


def name_search_set(row: Organisation | OrganisationAlias, save: dict[str, Any]) -> None:
    """Set the folded name an organisation search matches (`selectors.organisations_matching`)
    from the name, and have a save of `save`'s update_fields that names it write it too.

    Kept on the row, not worked out per search, so that a search is one LIKE in SQL; set in
    `save` because every way a single row is written goes through it (the workspace's forms,
    merge and split, a restored version, which does not hold the column); the loader, which
    writes in bulk, sets it through this function as well.
    """
    row.search_text = text_fold(row.name)
    fields = save.get("update_fields")
    if fields is not None and "name" in fields:
        save["update_fields"] = {*fields, "search_text"}


class Programme(models.Model):
    name = models.CharField(_("namn"), max_length=300, unique=True)
    slug = models.SlugField(_("adressnamn"), max_length=100, unique=True)
    short_name = models.CharField(_("kortnamn"), max_length=100, blank=True)
    fund = models.CharField(
        _("EU-fond"), max_length=40, blank=True, help_text=_("tom för nationella medel")
    )

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("program")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ProgrammeAlias(models.Model):
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("program")
    )
    name = models.CharField(_("namn"), max_length=300)

    class Meta:
        verbose_name = _("alternativt programnamn")
        verbose_name_plural = _("alternativa programnamn")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="unique_programme_alias")
        ]

    def __str__(self) -> str:
        return self.name


class ProjectQuerySet(models.QuerySet["Project"]):
    def public(self) -> ProjectQuerySet:
        """Projects the public may see: published ones. Drafts stay in the editors' workspace."""
        return self.filter(public_projects())


def public_projects(path: str = "") -> Q:
    """Return the condition "the project is published", for projects reached through `path`
    (e.g. "participations__project" from an organisation): the one place the rule is spelt."""
    return Q(**{f"{path}__state" if path else "state": Project.State.PUBLISHED})


class Project(models.Model):
    class Kind(models.TextChoices):
        PROJECT = "project", "Projekt"
        COLLABORATION = "collaboration", "Samarbete"

    class State(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        PUBLISHED = "published", _("Publicerad")

    slug = models.SlugField(_("adressnamn"), max_length=100, unique=True)
    title = models.CharField(_("titel"), max_length=500)
    short_name = models.CharField(_("kortnamn"), max_length=100, blank=True)
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices, default=Kind.PROJECT)
    description = models.TextField(_("beskrivning"), blank=True)
    language = models.CharField(
        _("språk"), max_length=12, default="sv", help_text=_("språkkod, t.ex. sv eller en")
    )
    period_start = models.CharField(
        _("start"),
        max_length=20,
        blank=True,
        help_text=_("datum i EDTF: 2019, 2019-06 eller 2019-06-30"),
    )
    period_end = models.CharField(
        _("slut"), max_length=20, blank=True, help_text=_("datum i EDTF; '..' när slutet är öppet")
    )
    period_text = models.CharField(_("period i ord"), max_length=300, blank=True)
    start_date = models.DateField(null=True, blank=True, help_text="first day the start can mean")
    end_date = models.DateField(null=True, blank=True, help_text="last day the end can mean")
    start_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    end_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    categories = models.ManyToManyField(
        Category, through="ProjectCategory", related_name="projects", verbose_name=_("kategorier")
    )
    programmes = models.ManyToManyField(
        Programme, through="ProjectProgramme", related_name="projects", verbose_name=_("program")
    )
    state = models.CharField(
        _("publicering"),
        max_length=10,
        choices=State.choices,
        default=State.PUBLISHED,
    )
    position = models.PositiveIntegerField(_("ordning"), default=0)
    fingerprint = models.CharField(max_length=64, blank=True)
    search_text = models.TextField(blank=True, editable=False, help_text="folded text for search")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(_("senast ändrat"), auto_now=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("projekt")
        verbose_name_plural = _("projekt")
        ordering = ["position", "title"]
        indexes = [
            models.Index(fields=["end_date"]),
            models.Index(fields=["start_date"]),
            models.Index(fields=["start_year", "end_year"]),
            models.Index(fields=["updated_at"]),
            models.Index(fields=["position", "slug"]),
            # Drafts only: few rows, so counting them is instant, and PostgreSQL's planner is
            # never tempted to scan "all published projects" through an index.
            models.Index(
                fields=["state"], condition=Q(state="draft"), name="catalogue_project_drafts"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("site:project", args=[self.slug])


class ProjectCategory(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE)
    category = models.ForeignKey(Category, on_delete=models.CASCADE, verbose_name=_("kategori"))
    position = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("kategori för projekt")
        verbose_name_plural = _("kategorier för projekt")
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["project", "category"], name="unique_project_category")
        ]

    def __str__(self) -> str:
        return str(self.category)


class ProjectProgramme(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE)
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, verbose_name=_("program"))
    position = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("program för projekt")
        verbose_name_plural = _("program för projekt")
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "programme"], name="unique_project_programme"
            )
        ]

    def __str__(self) -> str:
        return str(self.programme)


class Participation(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", "Huvudpartner"
        COORDINATOR = "coordinator", "Projektledning"
        PARTNER = "partner", "Partner"
        ASSOCIATED = "associated", "Associerad partner"
        FINANCIER = "financier", "Finansiär"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="participations")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="participations",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("roll"), max_length=20, choices=Role.choices)
    unit = models.CharField(_("enhet"), max_length=300, blank=True)
    position = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("deltagande organisation")
        verbose_name_plural = _("deltagande organisationer")
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["project", "organisation"], name="unique_participation")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"


class Funding(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="funding")
    amount = models.DecimalField(_("belopp"), max_digits=18, decimal_places=2)
    currency = models.CharField(_("valuta"), max_length=3)
    kind = models.CharField(_("slag"), max_length=20)
    approximate = models.BooleanField(_("ungefärligt"), default=False)
    source_text = models.CharField(_("som det stod i källan"), max_length=300, blank=True)
    position = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("finansiering")
        verbose_name_plural = _("finansiering")
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{self.amount} {self.currency}"


class Link(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="links")
    label = models.CharField(_("text"), max_length=500)
    url = models.URLField(_("adress"), max_length=1000, null=True, blank=True)
    position = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("länk")
        verbose_name_plural = _("länkar")
        ordering = ["position"]

    def __str__(self) -> str:
        return self.label


class Contact(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("namn"), max_length=200)
    title = models.CharField(_("titel"), max_length=300, blank=True)
    organisation_name = models.CharField(_("organisation"), max_length=300, blank=True)
    email = models.EmailField(_("e-post"), blank=True)
    left_on = models.DateField(
        _("slutade"),
        null=True,
        blank=True,
        help_text=_("från denna dag visas personen inte längre publikt"),
    )
    checked_at = models.DateTimeField(
        _("uppgifterna bekräftade"),
        default=timezone.now,
        help_text=_("när uppgifterna senast fördes in eller bekräftades"),
    )
    position = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("kontaktperson")
        verbose_name_plural = _("kontaktpersoner")
        ordering = ["position"]

    def __str__(self) -> str:
        return self.name

    def is_current(self, today: dt.date) -> bool:
        """Whether the person still answers for the project (has not left by `today`)."""
        return self.left_on is None or self.left_on > today


class Phone(models.Model):
    class Kind(models.TextChoices):
        WORK = "work", "Telefon"
        MOBILE = "mobile", "Mobil"

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="phones")
    number = models.CharField(
        _("nummer"), max_length=20, help_text=_("internationellt format, t.ex. +4640123456")
    )
    kind = models.CharField(_("slag"), max_length=10, choices=Kind.choices)
    position = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("telefonnummer")
        verbose_name_plural = _("telefonnummer")
        ordering = ["position"]

    def __str__(self) -> str:
        return self.number


class Provenance(models.Model):
    """Where a project was read: which file, which lines."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="provenance")
    source = models.ForeignKey(Source, on_delete=models.CASCADE)
    first_line = models.PositiveIntegerField()
    last_line = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("ursprung")
        verbose_name_plural = _("ursprung")
        ordering = ["source__name", "first_line"]


class Finding(models.Model):
    """A data-quality finding for an editor to act on."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, null=True, related_name="findings")
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, null=True, related_name="findings"
    )
    code = models.CharField(max_length=50)
    message = models.TextField()
    severity = models.CharField(max_length=10, default="warning")
    line = models.PositiveIntegerField(null=True)
    accepted = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("kvalitetsanmärkning")
        verbose_name_plural = _("kvalitetsanmärkningar")
        ordering = ["id"]


class Acceptance(models.Model):
    """An editor's decision that a quality finding is as it should be.

    Kept apart from the findings themselves, which an import replaces and the live checks compute
    afresh: the decision is keyed by what was found (project, code, detail), so it holds for as
    long as the same thing is found.
    """

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, null=True, related_name="acceptances"
    )
    code = models.CharField(max_length=50)
    detail = models.CharField(max_length=500, blank=True)
    accepted_by = models.CharField(_("godkänd av"), max_length=150)
    accepted_at = models.DateTimeField(_("godkänd"), auto_now_add=True)

    class Meta:
        verbose_name = _("godkänd anmärkning")
        verbose_name_plural = _("godkända anmärkningar")
        constraints = [
            models.UniqueConstraint(fields=["project", "code", "detail"], name="unique_acceptance")
        ]


class CatalogueState(models.Model):
    """One row: when anything public in the catalogue last changed.

    Caches of listings and downloads are keyed on it (`selectors.catalogue_version`): an editor
    renaming an organisation or a category changes no project row, yet changes what the public
    sees. Kept in the database, so that every server process sees the same moment.
    """

    changed_at = models.DateTimeField(default=timezone.now)


class CompleteRevision(models.Model):
    """A revision in the history that holds every part of each project it records.

    Revisions from before parts were always recorded lack this mark; a restore from one of
    them brings back the project's own fields and leaves its parts as they are.
    """

    revision = models.OneToOneField(
        "reversion.Revision", on_delete=models.CASCADE, related_name="complete"
    )

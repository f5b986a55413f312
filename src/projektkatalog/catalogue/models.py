"""The catalogue's tables. Natural keys (slugs) make exports identical across databases."""

from __future__ import annotations

from django.db import models


class Source(models.Model):
    """A file imported into the catalogue."""

    name = models.CharField(max_length=255, unique=True)
    sha256 = models.CharField(max_length=64)
    imported_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.name


class Category(models.Model):
    name = models.CharField(max_length=255, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    name = models.CharField(max_length=300, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    country = models.CharField(max_length=2, blank=True, help_text="ISO 3166-1 alpha-2")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OrganisationAlias(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=300)
    reviewed = models.BooleanField(
        default=True, help_text="False for a fuzzy merge awaiting review"
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unique_org_alias")
        ]

    def __str__(self) -> str:
        return self.name


class Programme(models.Model):
    name = models.CharField(max_length=300, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    short_name = models.CharField(max_length=100, blank=True)
    fund = models.CharField(
        max_length=40, blank=True, help_text="EU fund, empty for national money"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ProgrammeAlias(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=300)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="unique_programme_alias")
        ]


class Project(models.Model):
    class Kind(models.TextChoices):
        PROJECT = "project", "Projekt"
        COLLABORATION = "collaboration", "Samarbete"

    slug = models.SlugField(max_length=100, unique=True)
    title = models.CharField(max_length=500)
    short_name = models.CharField(max_length=100, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PROJECT)
    description = models.TextField(blank=True)
    language = models.CharField(max_length=12, default="sv", help_text="BCP 47")
    period_start = models.CharField(max_length=20, blank=True, help_text="EDTF")
    period_end = models.CharField(max_length=20, blank=True, help_text="EDTF; '..' when open-ended")
    period_text = models.CharField(max_length=300, blank=True)
    start_date = models.DateField(null=True, blank=True, help_text="first day the start can mean")
    end_date = models.DateField(null=True, blank=True, help_text="last day the end can mean")
    start_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    end_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    categories = models.ManyToManyField(
        Category, through="ProjectCategory", related_name="projects"
    )
    programmes = models.ManyToManyField(
        Programme, through="ProjectProgramme", related_name="projects"
    )
    position = models.PositiveIntegerField(default=0)
    fingerprint = models.CharField(max_length=64, blank=True)
    search_text = models.TextField(blank=True, editable=False, help_text="folded text for search")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "title"]
        indexes = [
            models.Index(fields=["end_date"]),
            models.Index(fields=["start_date"]),
            models.Index(fields=["start_year", "end_year"]),
            models.Index(fields=["updated_at"]),
            models.Index(fields=["position", "slug"]),
        ]

    def __str__(self) -> str:
        return self.title


class ProjectCategory(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE)
    category = models.ForeignKey(Category, on_delete=models.CASCADE)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["project", "category"], name="unique_project_category")
        ]


class ProjectProgramme(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE)
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "programme"], name="unique_project_programme"
            )
        ]


class Participation(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", "Huvudpartner"
        COORDINATOR = "coordinator", "Projektledning"
        PARTNER = "partner", "Partner"
        ASSOCIATED = "associated", "Associerad partner"
        FINANCIER = "financier", "Finansiär"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="participations")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="participations"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    unit = models.CharField(max_length=300, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["project", "organisation"], name="unique_participation")
        ]


class Funding(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="funding")
    amount = models.DecimalField(max_digits=18, decimal_places=2)
    currency = models.CharField(max_length=3)
    kind = models.CharField(max_length=20)
    approximate = models.BooleanField(default=False)
    source_text = models.CharField(max_length=300, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position"]


class Link(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="links")
    label = models.CharField(max_length=500)
    url = models.URLField(max_length=1000, null=True, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position"]


class Contact(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200)
    title = models.CharField(max_length=300, blank=True)
    organisation_name = models.CharField(max_length=300, blank=True)
    email = models.EmailField(blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position"]


class Phone(models.Model):
    class Kind(models.TextChoices):
        WORK = "work", "Telefon"
        MOBILE = "mobile", "Mobil"

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="phones")
    number = models.CharField(max_length=20, help_text="E.164")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position"]


class Provenance(models.Model):
    """Where a project was read: which file, which lines."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="provenance")
    source = models.ForeignKey(Source, on_delete=models.CASCADE)
    first_line = models.PositiveIntegerField()
    last_line = models.PositiveIntegerField()

    class Meta:
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
        ordering = ["id"]

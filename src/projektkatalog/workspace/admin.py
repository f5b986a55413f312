"""The workspace's model pages: projects on one page with all their parts, organisations with
merge and split, contacts with departure, and history with restore on each (django-reversion)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, TypedDict

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Field, ManyToManyField, Prefetch, Q, QuerySet
from django.forms.models import BaseInlineFormSet, ModelMultipleChoiceField
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from projektkatalog.catalogue import models as m
from projektkatalog.catalogue.findings import findings_clear
from projektkatalog.catalogue.history import revision_complete_record
from projektkatalog.catalogue.services import project_derived_refresh, projects_touch
from projektkatalog.workspace import services
from projektkatalog.workspace.forms import ProjectForm, SluggedForm, period_understood
from projektkatalog.workspace.versions import HistoryAdmin

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractUser
    from django_stubs_ext import StrOrPromise, WithAnnotations


class _Counts(TypedDict):
    """What the organisation list counts for each row (`OrganisationAdmin.get_queryset`)."""

    n_projects: int
    n_unreviewed: int


class _LabelledFormSet(BaseInlineFormSet):
    def add_fields(self, form: forms.ModelForm, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:  # Django's own word, translated by Django
            form.fields["DELETE"].widget.attrs["aria-label"] = gettext("Delete")


class LabelledInline(admin.TabularInline):
    """A tabular inline whose fields carry their names for screen readers: the admin's table
    puts the name only in the column heading, which axe-core (rightly) reports as unlabelled."""

    def formfield_for_dbfield(
        self, db_field: Field[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> forms.Field | None:
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None:
            field.widget.attrs["aria-label"] = str(db_field.verbose_name).capitalize()
        return field

    formset = _LabelledFormSet
    template = "workspace/edit_inline/tabular.html"  # header cells with names


class CountryFilter(admin.SimpleListFilter):
    """Filter by country, with a name for organisations without one."""

    title = _("land")
    parameter_name = "land"

    def lookups(
        self, request: HttpRequest, model_admin: admin.ModelAdmin[Any]
    ) -> list[tuple[str, StrOrPromise]]:
        countries = m.Organisation.objects.order_by("country").values_list("country", flat=True)
        return [(c or "-", c or _("inget land angivet")) for c in countries.distinct()]

    def queryset(
        self, request: HttpRequest, queryset: QuerySet[m.Organisation]
    ) -> QuerySet[m.Organisation]:
        value = self.value()
        if value is None:
            return queryset
        return queryset.filter(country="" if value == "-" else value)


class CategoryInline(LabelledInline):
    model = m.ProjectCategory
    extra = 0
    autocomplete_fields = ["category"]
    fields = ["category", "position"]


class ProgrammeInline(LabelledInline):
    model = m.ProjectProgramme
    extra = 0
    autocomplete_fields = ["programme"]
    fields = ["programme", "position"]


class ParticipationInline(LabelledInline):
    model = m.Participation
    extra = 0
    autocomplete_fields = ["organisation"]
    fields = ["organisation", "role", "unit", "position"]


class FundingInline(LabelledInline):
    model = m.Funding
    extra = 0
    fields = ["amount", "currency", "kind", "approximate", "source_text", "position"]


class LinkInline(LabelledInline):
    model = m.Link
    extra = 0
    fields = ["label", "url", "position"]


class ContactInline(admin.StackedInline):
    model = m.Contact
    extra = 0
    fields = [("name", "title"), ("organisation_name", "email"), ("left_on", "position")]
    show_change_link = True  # phone numbers are edited on the contact's own page


@admin.register(m.Project)
class ProjectAdmin(HistoryAdmin):
    form = ProjectForm
    list_display = ["title", "state", "kind", "period_shown", "updated_at"]
    list_filter = ["state", "kind", "categories", "programmes"]
    search_fields = ["title", "short_name", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["period_shown", "updated_at", "public_link"]
    actions = ["publish", "unpublish"]
    inlines = [
        CategoryInline,
        ProgrammeInline,
        ParticipationInline,
        FundingInline,
        LinkInline,
        ContactInline,
    ]
    fieldsets = [
        (None, {"fields": ["title", "short_name", "slug", "kind", "language", "description"]}),
        (
            _("Period"),
            {"fields": ["period_text", "period_start", "period_end", "period_shown"]},
        ),
        (
            _("Publicering"),
            {"fields": ["state", "updated_at", "public_link", "edited_from"]},
        ),
    ]

    @admin.display(description=_("tolkad som"))
    def period_shown(self, obj: m.Project) -> str:
        return period_understood(obj) if obj and obj.pk else "–"

    @admin.display(description=_("publik sida"))
    def public_link(self, obj: m.Project) -> str:
        if not obj or not obj.pk:
            return "–"
        url = reverse("site:project", args=[obj.slug])
        return format_html('<a href="{}">{}</a>', url, url)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: Any) -> None:
        super().save_related(request, form, formsets, change)
        project_derived_refresh(form.instance)
        revision_complete_record([form.instance])  # the parts as saved, deleted rows gone
        if change:
            findings_clear(
                form.instance,
                changed_fields=set(form.changed_data),
                changed_formsets={f.prefix for f in formsets if f.has_changed()},
            )

    @admin.action(description=_("Publicera markerade projekt"), permissions=["change"])
    def publish(self, request: HttpRequest, queryset: QuerySet[m.Project]) -> None:
        self._state_set(request, queryset, m.Project.State.PUBLISHED)

    @admin.action(description=_("Gör markerade projekt till utkast"), permissions=["change"])
    def unpublish(self, request: HttpRequest, queryset: QuerySet[m.Project]) -> None:
        self._state_set(request, queryset, m.Project.State.DRAFT)

    def _state_set(self, request: HttpRequest, queryset: QuerySet[m.Project], state: str) -> None:
        n = services.projects_state_set(queryset, state=state, user=request.user)
        messages.success(request, _("%(n)d projekt ändrade.") % {"n": n})


class AliasInline(LabelledInline):
    model = m.OrganisationAlias
    extra = 0
    fields = ["name", "reviewed"]


@admin.register(m.Organisation)
class OrganisationAdmin(HistoryAdmin):
    form = SluggedForm
    list_display = ["name", "country", "projects", "unreviewed"]
    list_filter = [CountryFilter]
    search_fields = ["name", "aliases__name", "slug"]
    fields = ["name", "slug", "country"]
    inlines = [AliasInline]
    actions = ["merge"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[m.Organisation]:
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_projects=Count("participations", distinct=True),
                n_unreviewed=Count("aliases", filter=Q(aliases__reviewed=False), distinct=True),
            )
        )

    @admin.display(description=_("projekt"), ordering="n_projects")
    def projects(self, obj: WithAnnotations[m.Organisation, _Counts]) -> int:
        return obj.n_projects

    @admin.display(description=_("ej granskade namn"), ordering="n_unreviewed")
    def unreviewed(self, obj: WithAnnotations[m.Organisation, _Counts]) -> int:
        return obj.n_unreviewed

    def get_urls(self) -> list[URLPattern]:
        return [
            path(
                "<int:pk>/dela/",
                self.admin_site.admin_view(self.split_view),
                name="catalogue_organisation_split",
            ),
            *super().get_urls(),
        ]

    @admin.action(description=_("Slå ihop markerade organisationer"), permissions=["change"])
    def merge(
        self, request: HttpRequest, queryset: QuerySet[m.Organisation]
    ) -> HttpResponse | None:
        # The most used name first (and chosen): it is usually the right one to keep.
        organisations = list(
            queryset.annotate(n_used=Count("participations", distinct=True))
            .order_by("-n_used", "name")
            .prefetch_related(
                Prefetch(
                    "participations",
                    m.Participation.objects.select_related("project").order_by("project__title"),
                )
            )
        )
        if len(organisations) < 2:
            messages.error(request, _("Välj minst två organisationer att slå ihop."))
            return None
        if "keep" in request.POST:
            keep = next((o for o in organisations if str(o.pk) == request.POST["keep"]), None)
            if keep is None:
                messages.error(request, _("Välj vilken organisation som ska finnas kvar."))
            else:
                moved = services.organisations_merge(keep, organisations, user=request.user)
                messages.success(
                    request,
                    ngettext(
                        "Sammanslaget i %(name)s; %(n)d deltagande flyttat.",
                        "Sammanslaget i %(name)s; %(n)d deltaganden flyttade.",
                        moved,
                    )
                    % {"name": keep.name, "n": moved},
                )
                return redirect("admin:catalogue_organisation_change", keep.pk)
        return render(
            request,
            "workspace/organisation_merge.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Slå ihop organisationer"),
                "organisations": organisations,
                "opts": self.model._meta,
                "action_checkbox_name": ACTION_CHECKBOX_NAME,
            },
        )

    def split_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        organisation = get_object_or_404(m.Organisation, pk=pk)
        if not self.has_change_permission(request, organisation):
            raise PermissionDenied
        participations = organisation.participations.select_related("project").order_by(
            "project__title"
        )
        if request.method == "POST":
            try:
                new = services.organisation_split(
                    organisation,
                    name=request.POST.get("name", ""),
                    participation_ids=[int(x) for x in request.POST.getlist("participation")],
                    country=request.POST.get("country", "").strip().upper()[:2],
                    user=request.user,
                )
            except services.WorkspaceError as error:
                messages.error(request, str(error))
            else:
                messages.success(
                    request, _("%(name)s är nu en egen organisation.") % {"name": new.name}
                )
                return redirect("admin:catalogue_organisation_change", new.pk)
        return render(
            request,
            "workspace/organisation_split.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Dela upp %(name)s") % {"name": organisation.name},
                "organisation": organisation,
                "aliases": organisation.aliases.all(),
                "participations": participations,
                "opts": self.model._meta,
            },
        )


class PhoneInline(LabelledInline):
    model = m.Phone
    extra = 0
    fields = ["number", "kind", "position"]


@admin.register(m.Contact)
class ContactAdmin(HistoryAdmin):
    list_display = ["name", "email", "project", "left_on", "checked_at"]
    list_filter = ["left_on"]
    search_fields = ["name", "email", "project__title"]
    fields = ["project", "name", "title", "organisation_name", "email", "left_on", "checked_at"]
    autocomplete_fields = ["project"]
    inlines = [PhoneInline]
    actions = ["leave", "confirm"]

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: Any) -> None:
        super().save_related(request, form, formsets, change)
        projects_touch([form.instance.project_id])  # edited on the contact's own page

    def delete_model(self, request: HttpRequest, obj: m.Contact) -> None:
        super().delete_model(request, obj)
        projects_touch([obj.project_id])

    @admin.action(description=_("Markera att personen har slutat (i dag)"), permissions=["change"])
    def leave(self, request: HttpRequest, queryset: QuerySet[m.Contact]) -> None:
        for contact in queryset.select_related("project"):
            services.contact_leave(contact, on=dt.date.today(), user=request.user)
        messages.success(request, _("Personerna visas inte längre publikt."))

    @admin.action(description=_("Bekräfta att uppgifterna stämmer"), permissions=["change"])
    def confirm(self, request: HttpRequest, queryset: QuerySet[m.Contact]) -> None:
        services.contacts_confirm(queryset)
        messages.success(request, _("Uppgifterna är bekräftade."))


@admin.register(m.Programme)
class ProgrammeAdmin(HistoryAdmin):
    form = SluggedForm
    list_display = ["name", "short_name", "fund"]
    search_fields = ["name", "short_name", "aliases__name"]
    fields = ["name", "slug", "short_name", "fund"]

    class Aliases(LabelledInline):
        model = m.ProgrammeAlias
        extra = 0

    inlines = [Aliases]


@admin.register(m.Category)
class CategoryAdmin(HistoryAdmin):
    form = SluggedForm
    list_display = ["name", "position"]
    search_fields = ["name"]
    fields = ["name", "slug", "position"]
    prepopulated_fields = {"slug": ["name"]}


class WorkspaceUserAdmin(UserAdmin):
    """Users as administrators manage them: a role (group) decides what a person may do, so the
    form shows the roles and none of Django's per-permission list or staff flag, which follow
    from the role (`roles.staff_follow_roles`)."""

    list_display = ["username", "email", "first_name", "last_name", "roles", "is_active"]
    list_filter = ["groups", "is_active", "is_superuser"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Person"), {"fields": ("first_name", "last_name", "email")}),
        (_("Roll"), {"fields": ("groups", "is_active", "is_superuser")}),
        (_("Datum"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"fields": ("username", "email", "password1", "password2", "groups")}),)
    filter_horizontal = ()

    def formfield_for_manytomany(
        self, db_field: ManyToManyField[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> ModelMultipleChoiceField[Any] | None:
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if field is not None and db_field.name == "groups":
            field.help_text = _(
                "Redaktör: redigerar och publicerar katalogen. Administratör: dessutom "
                "användare, borttagningar och personuppgifter. Rollen räcker för att logga in."
            )
        return field

    @admin.display(description=_("roller"))
    def roles(self, obj: AbstractUser) -> str:
        return ", ".join(g.name for g in obj.groups.all()) or "–"


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), WorkspaceUserAdmin)

"""The one board-scoped ModelAdmin every admin of board content is built on.

Who may do what is decided by provinces.access (roles from Membership) and nowhere
else: these classes override ``has_*_permission`` from it rather than use Django's
per-model permissions, so an account made by ``manage.py add_editor`` works with no
further set-up and there is one source of truth.

What is scoped, and how:
- lists, object pages, history, deletions, bulk actions and autocomplete answers all go
  through ``get_queryset``, narrowed to the user's units (``scope_field``), plus the
  rows every board shares read-only (``shared_rows``: central directives, sections
  common to all boards);
- an object outside that queryset answers 404 (Django's admin would redirect to the
  index with a message instead), on GET and POST alike, so nothing is changed and
  nothing is revealed about other boards;
- choices in forms (foreign keys, many-to-many, inlines) come from the related model's
  scoped admin (``choice_queryset``), so a crafted POST naming another board's unit,
  directive or article fails validation like any invalid choice;
- "view on site" links go straight to the public address (not through the unscoped
  /admin/r/ redirector; provinces.admin_site scopes that one).
"""

from django.contrib import admin
from django.db.models import Q
from django.http import Http404

from . import access
from .models import Unit


def unit_id_of(obj, path):
    """The unit id ``obj`` belongs to, following ``path`` ("unit", "article__unit",
    or "pk" for a Unit itself)."""
    if path == "pk":
        return obj.pk
    *hops, last = path.split("__")
    for hop in hops:
        obj = getattr(obj, hop, None)
        if obj is None:
            return None
    return getattr(obj, f"{last}_id", None)


class ScopedChoicesMixin:
    """Form choices (FK, M2M) limited to what the user may link to. For ModelAdmins and
    inlines alike. ``unscoped_fields`` lists fields that merely refer to another unit
    (a meeting's connection points may be any province) and keep every choice."""

    unscoped_fields = ()

    def get_field_queryset(self, db, db_field, request):
        if db_field.name not in self.unscoped_fields:
            related_admin = self.admin_site._registry.get(db_field.remote_field.model)
            if isinstance(related_admin, BoardScopedAdmin):
                qs = related_admin.choice_queryset(request)
                ordering = related_admin.get_ordering(request)
                return qs.order_by(*ordering) if ordering else qs
        return super().get_field_queryset(db, db_field, request)


class BoardScopedAdmin(ScopedChoicesMixin, admin.ModelAdmin):
    """A ModelAdmin whose rows belong to a unit, reached through ``scope_field``."""

    #: Lookup path from the model to its Unit ("unit", "article__unit", "pk").
    scope_field = "unit"
    show_full_result_count = False

    # --- Rows ------------------------------------------------------------------------

    def shared_rows(self, request):
        """A Q of rows outside the user's units that they may still see (read-only),
        or None."""
        return None

    def scope_queryset(self, request, queryset):
        ids = access.unit_ids(request.user)
        if ids is None:
            return queryset
        q = Q(**{f"{self.scope_field}__in": ids})
        shared = self.shared_rows(request)
        if shared is not None:
            q |= shared
        return queryset.filter(q)

    def get_queryset(self, request):
        return self.scope_queryset(request, super().get_queryset(request))

    def choice_queryset(self, request):
        """What a form elsewhere may offer as a choice of this model."""
        return self.scope_queryset(request, self.model._default_manager.all())

    def in_scope(self, request, obj):
        """The object belongs to one of the user's units (not merely shared)."""
        return access.in_scope(request.user, unit_id_of(obj, self.scope_field))

    def is_visible(self, request, obj):
        return self.scope_queryset(request, self.model._default_manager.filter(pk=obj.pk)).exists()

    # --- Permissions (from provinces.access only) ---------------------------------

    def can_use(self, request):
        """May open this part of the admin at all."""
        return access.can_edit_content(request.user)

    def can_add(self, request):
        return self.can_use(request)

    def can_change(self, request):
        return self.can_use(request)

    def can_delete(self, request):
        return self.can_use(request)

    def can_change_object(self, request, obj):
        """Extra per-object rule (e.g. editors may not edit published articles)."""
        return True

    def can_delete_object(self, request, obj):
        return True

    def has_module_permission(self, request):
        return self.can_use(request)

    def has_view_permission(self, request, obj=None):
        if not self.can_use(request):
            return False
        return obj is None or self.in_scope(request, obj) or self.is_visible(request, obj)

    def has_add_permission(self, request):
        return self.can_add(request)

    def has_change_permission(self, request, obj=None):
        if not self.can_change(request):
            return False
        return obj is None or (self.in_scope(request, obj) and self.can_change_object(request, obj))

    def has_delete_permission(self, request, obj=None):
        if not self.can_delete(request):
            return False
        return obj is None or (self.in_scope(request, obj) and self.can_delete_object(request, obj))

    # --- Object URLs -------------------------------------------------------------

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        # Django redirects to the index with "… doesn't exist"; for an object of
        # another board that would still be an answer. 404, as for a missing one.
        raise Http404(f"Không tìm thấy {opts.verbose_name}.")

    def view_on_site(self, obj):
        url = getattr(obj, "get_absolute_url", None)
        return url() if url else None


class ApprovalMixin:
    """The approval rule for everything readers see, for models other than articles
    (whose workflow has its own steps): editors write drafts; what is public, and what
    makes something public or puts it on the home page (``chief_fields``), is the
    chief's. A public object is read-only for editors, as a published article is:
    corrections go through the chief. Every change lands in the admin's history and the
    audit log."""

    chief_fields = ("is_published",)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not access.can_publish(request.user):
            fields += [f for f in self.chief_fields if f not in fields]
        return fields

    def can_change_object(self, request, obj):
        if getattr(obj, "is_published", False) and not access.can_publish(request.user):
            return False
        return super().can_change_object(request, obj)


class ParentPermissionsMixin:
    """An inline's rows (an article's images, a meeting's connection points) may be
    touched exactly when the parent object may be changed: the parent's admin decides,
    from provinces.access, like everything else."""

    def _parent_admin(self):
        return self.admin_site._registry[self.parent_model]

    def has_view_permission(self, request, obj=None):
        return self._parent_admin().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        parent = self._parent_admin()
        if obj is None:
            return parent.has_add_permission(request) or parent.has_change_permission(request)
        return parent.has_change_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)


class ScopedInline(ParentPermissionsMixin, ScopedChoicesMixin, admin.StackedInline):
    pass


class ScopedTabularInline(ParentPermissionsMixin, ScopedChoicesMixin, admin.TabularInline):
    pass


class UnitScopedAdmin(BoardScopedAdmin):
    """For Unit itself: its choices elsewhere are the user's units."""

    scope_field = "pk"


def units_of(user):
    """The units ``user`` may publish under, in display order."""
    return access.scope(Unit.objects.all(), user, field="pk")

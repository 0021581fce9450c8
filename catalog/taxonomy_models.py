"""The catalog's reference rows: categories (a path tree), clusters, verification levels, materials."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from marketplace.links import public_page_url

from .reference import Region


class Category(models.Model):
    """A node in the category tree; `path` (slugs joined by '/') makes subtree filters one query."""

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    path = models.CharField(max_length=500, editable=False, db_index=True)
    hs_heading = models.CharField(_("typical HS heading"), max_length=6, blank=True)

    class Meta:
        verbose_name_plural = "categories"
        ordering = ["path"]

    def __str__(self):
        return self.name if not self.parent_id else f"{self.parent} › {self.name}"

    def save(self, *args, **kwargs):
        self.path = f"{self.parent.path}/{self.slug}" if self.parent_id else self.slug
        super().save(*args, **kwargs)
        for child in self.children.all():
            child.save()

    def clean(self):
        node = self.parent
        while node is not None:
            if node.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": _("A category cannot be its own ancestor.")})
            node = node.parent

    def ancestor_paths(self) -> list[str]:
        """The paths from the root down to this category, its own last: ["home", "home/ceramics"].

        A product in this category is also in each of them (search facets, commission rates, RFQ matching).
        """
        parts = self.path.split("/")
        return ["/".join(parts[: depth + 1]) for depth in range(len(parts))]

    def subtree_filter(self, prefix="category"):
        """A Q for rows whose `prefix` category is this one or below it: whole slugs only, so "home" holds
        "home/rugs" but not its sibling "home-textiles" (a bare startswith would)."""
        return models.Q(**{f"{prefix}__path": self.path}) | models.Q(
            **{f"{prefix}__path__startswith": self.path + "/"}
        )


class Cluster(models.Model):
    """A sector in a place, e.g. Sialkot surgical instruments."""

    name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=150, unique=True)
    sector = models.CharField(max_length=150)
    region = models.CharField(max_length=20, choices=Region.choices)
    city = models.CharField(max_length=100, blank=True)
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        # The cluster's page is served by another app (the cms, through Wagtail): it says where.
        return public_page_url(self)


class VerificationLevel(models.Model):
    """How far the platform has checked a supplier (curators manage the levels)."""

    name = models.CharField(max_length=100, unique=True)
    rank = models.PositiveSmallIntegerField(default=0, help_text=_("Higher means more thoroughly verified."))
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["rank"]

    def __str__(self):
        return self.name


class Material(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

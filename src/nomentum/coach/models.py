import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from nomentum.asks.models import Tier


class Area(models.TextChoices):
    CAREER = "career", "Career"
    CREATIVE = "creative", "Creative"
    BUSINESS = "business", "Business"
    SOCIAL = "social", "Social"
    DATING = "dating", "Dating"
    EVERYDAY = "everyday", "Everyday"
    LEARNING = "learning", "Learning"


class Setting(models.TextChoices):
    EMAIL = "email", "Email"
    SOCIAL = "social", "LinkedIn / social"
    PHONE = "phone", "Phone or message"
    IN_PERSON = "in_person", "In person"
    APPLICATION = "application", "Application"
    ONLINE = "online", "Online"


# The ask category a logged idea gets, by area.
AREA_CATEGORY = {
    Area.CAREER: "job",
    Area.CREATIVE: "creative",
    Area.BUSINESS: "sales",
    Area.SOCIAL: "social",
    Area.DATING: "dating",
    Area.EVERYDAY: "everyday",
    Area.LEARNING: "networking",
}


class Idea(models.Model):
    """An ask idea: from the built-in library (no owner) or a user's own."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE
    )
    # Built-in ideas are kept in step with the library files by this key.
    key = models.CharField(max_length=16, blank=True, editable=False)
    text = models.CharField(max_length=200)
    area = models.CharField(max_length=12, choices=Area.choices)
    tier = models.CharField(max_length=10, choices=Tier.choices)
    setting = models.CharField(max_length=12, choices=Setting.choices, blank=True)
    # Only ideas where a no is a normal, harmless answer ship in the library.
    harmless_no = models.BooleanField(default=True)
    retired = models.BooleanField(default=False)  # dropped from the library, kept for history
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["area", "tier", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["key"], condition=Q(owner__isnull=True), name="idea_library_key"
            ),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def category(self) -> str:
        return AREA_CATEGORY[Area(self.area)]


class IdeaMark(models.Model):
    """What a user did with an idea: hid it, or did it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="marks")
    hidden = models.BooleanField(default=False)
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "idea"], name="idea_mark_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.idea_id}"


SEED_MAX = 2**31 - 1  # what every database stores in the seed column
PLAN_DEFAULTS = {
    "areas": ["everyday", "career"],
    "fear_text": "",
    "fears": [],
    "comfort": 2,
    "weeks": 4,
    "target": 30,
}


class Plan(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    areas = models.JSONField(default=list)
    fears = models.JSONField(default=list)  # picked fears
    fear_text = models.CharField(max_length=300, blank=True)
    comfort = models.PositiveSmallIntegerField(default=2)
    weeks = models.PositiveSmallIntegerField(default=4)
    target = models.PositiveIntegerField(default=30)
    start = models.DateField()
    seed = models.PositiveIntegerField(default=0)  # the same seed makes the same plan
    weekly_targets = models.JSONField(default=list)
    source = models.CharField(max_length=12, default="built-in")  # or "ai"
    note = models.CharField(max_length=300, blank=True)  # e.g. why the AI coach was not used
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Plan of {self.weeks} weeks from {self.start}"


class PlanItem(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="items")
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    week = models.PositiveSmallIntegerField()
    position = models.PositiveSmallIntegerField()
    idea = models.ForeignKey(Idea, null=True, blank=True, on_delete=models.SET_NULL)
    text = models.CharField(max_length=200)
    tier = models.CharField(max_length=10, choices=Tier.choices)
    area = models.CharField(max_length=12, choices=Area.choices)
    done = models.BooleanField(default=False)

    class Meta:
        ordering = ["week", "position"]

    def __str__(self) -> str:
        return self.text

    @property
    def category(self) -> str:
        return AREA_CATEGORY[Area(self.area)]

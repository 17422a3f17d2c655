import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

REQUEST_MAX = 1000
TO_MAX = 200

# The fields of an ask a person fills in, in the order forms show them.
ASK_FIELDS = (
    "request",
    "method",
    "category",
    "tier",
    "outcome",
    "date",
    "fear_before",
    "worst_case",
    "best_case",
    "sting_after",
    "lessons",
    "lesson_starred",
    "follow_up",
    "game_changer",
    "notes",
    "self_rejection",
    "objections",
    "missing_skill",
    "invited_after",
)


class Outcome(models.TextChoices):
    PENDING = "pending", "Pending"
    YES = "yes", "Yes"
    NO = "no", "No"
    NO_RESPONSE = "no_response", "No response"
    PARTIAL = "partial", "Partial / counter-offer"


class Tier(models.TextChoices):
    COMFORT = "comfort", "Comfort (≈90 % no)"
    STRETCH = "stretch", "Stretch (≈95 % no)"
    MOONSHOT = "moonshot", "Moonshot (≈99 % no)"


class Category(models.TextChoices):
    JOB = "job", "Job"
    PITCH = "pitch", "Pitch"
    NETWORKING = "networking", "Networking"
    SALES = "sales", "Sales"
    CREATIVE = "creative", "Creative"
    SOCIAL = "social", "Social"
    DATING = "dating", "Dating"
    EVERYDAY = "everyday", "Everyday"
    CUSTOM = "custom", "Other"


class Objection(models.TextChoices):
    TIMING = "timing", "Timing"
    BUDGET = "budget", "Budget"
    FIT = "fit", "Not a fit"
    EXPERIENCE = "experience", "Experience or skills missing"
    NO_REASON = "no-reason", "No reason given"
    NOT_HIRING = "not-hiring", "Not hiring"
    ALREADY_HAVE = "already-have", "Already have someone"
    OTHER = "other", "Other"


class Method(models.TextChoices):
    EMAIL = "email", "Email"
    LINKEDIN = "linkedin", "LinkedIn"
    SOCIAL = "social", "Social media / DM"
    PHONE = "phone", "Phone"
    TEXT = "text", "Text message"
    IN_PERSON = "in_person", "In person"
    VIDEO = "video", "Video call"
    APPLICATION = "application", "Application form"
    LETTER = "letter", "Letter"
    OTHER = "other", "Other"


def _zero_to_ten(field: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__lte": 10}),
        name=f"ask_{field}_0_10",
    )


class Contact(models.Model):
    """A person or a company the user asks. Persons may belong to a company."""

    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        COMPANY = "company", "Company"

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.PERSON)
    name = models.CharField(max_length=TO_MAX)
    # Case- and space-insensitive form of the name, so "Acme Corp" and "acme  corp " match.
    key = models.CharField(max_length=TO_MAX, editable=False)
    company = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
        limit_choices_to={"kind": "company"},
    )
    email = models.EmailField(blank=True)
    handle = models.CharField(max_length=100, blank=True, help_text="e.g. a LinkedIn profile")
    notes = models.TextField(blank=True)
    # They asked not to be contacted (or you decided so): the guard refuses new asks.
    do_not_contact = models.BooleanField(default=False)
    # Who suggested this contact ("ask Sam instead") after saying no themselves.
    referred_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="referrals"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    # Set on a contact made a moment ago by this request: it cannot have a history yet.
    is_new = False

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "kind", "key"], name="contact_unique_name"),
        ]
        ordering = ["name"]

    def __str__(self) -> str:
        if self.company_id and self.company:
            return f"{self.name}, {self.company.name}"
        return self.name

    def save(self, *args, **kwargs):
        self.name = " ".join(self.name.split())
        self.key = self.key_for(self.name)
        super().save(*args, **kwargs)

    @staticmethod
    def key_for(name: str) -> str:
        return " ".join(name.split()).casefold()


PITCH_NAME_MAX = 80


class Pitch(models.Model):
    """A named version of a message — an email, a script, an opening line — so the
    insights can say which one gets answers. Retired pitches keep their asks."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=PITCH_NAME_MAX)
    text = models.TextField(blank=True)
    retired = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["retired", "name"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="pitch_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Ask(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    # The seven columns people keep in their spreadsheets.
    date = models.DateField(help_text="The day you made the ask.")
    request = models.CharField(max_length=REQUEST_MAX)
    person = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.SET_NULL, related_name="asks_as_person"
    )
    company = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.SET_NULL, related_name="asks_as_company"
    )
    method = models.CharField(max_length=20, choices=Method.choices, blank=True)
    pitch = models.ForeignKey(
        Pitch, null=True, blank=True, on_delete=models.SET_NULL, related_name="asks"
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices, default=Outcome.PENDING)
    lessons = models.TextField(blank=True)
    follow_up = models.TextField(blank=True)

    tier = models.CharField(max_length=10, choices=Tier.choices, blank=True)
    category = models.CharField(max_length=20, choices=Category.choices, blank=True)
    fear_before = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(10)]
    )
    sting_after = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(10)]
    )
    # Before the ask, if the user wants: the worst and the best that could happen,
    # shown beside the outcome later. Private, like lessons and notes.
    worst_case = models.TextField(blank=True)
    best_case = models.TextField(blank=True)
    # A lesson worth keeping: shown at the end of a challenge.
    lesson_starred = models.BooleanField(default=False)
    game_changer = models.BooleanField(default=False)
    notes = models.TextField(blank=True)
    # An ask the user talked themselves out of: kept to be seen, and made later.
    self_rejection = models.BooleanField(default=False)
    answered_on = models.DateField(null=True, blank=True)

    # What a no taught: the data miner.
    objections = models.JSONField(default=list, blank=True)
    missing_skill = models.CharField(max_length=200, blank=True)
    referral = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.SET_NULL, related_name="referred_in"
    )
    invited_after = models.DateField(
        null=True, blank=True, help_text="They invited you to ask again after this day."
    )
    # Text rules of the ethics guard the user judged wrong for this ask ("log it anyway").
    guard_override = models.JSONField(default=list, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "-id"]
        # Lists of asks made (not self-rejections) order by date, id breaking ties;
        # these partial indexes serve the log, its outcome filters, the waiting list
        # and the outcome totals without sorting or scanning rows.
        indexes = [
            models.Index(
                fields=["owner", "-date", "-id"], name="ask_log", condition=Q(self_rejection=False)
            ),
            models.Index(
                fields=["owner", "outcome", "date", "id"],
                name="ask_outcome",
                condition=Q(self_rejection=False),
            ),
            models.Index(
                fields=["owner", "-date"], name="ask_self", condition=Q(self_rejection=True)
            ),
        ]
        constraints = [
            _zero_to_ten("fear_before"),
            _zero_to_ten("sting_after"),
            models.CheckConstraint(
                condition=Q(outcome__in=Outcome.values), name="ask_outcome_valid"
            ),
        ]

    # What this ask counts in the insights' tallies as stored (see insights/tallies.py):
    # None for an ask not saved yet.
    tallied: tuple | None = None

    def __str__(self) -> str:
        return self.request[:60]

    @classmethod
    def from_db(cls, db, field_names, values):
        from nomentum.insights.tallies import loaded

        ask = super().from_db(db, field_names, values)
        ask.tallied = loaded(field_names, values)
        return ask

    @property
    def to(self) -> str:
        names = [c.name for c in (self.person, self.company) if c is not None]
        return ", ".join(names)

    @property
    def short_code(self) -> str:
        return self.code.hex[:8]


class FollowUp(models.Model):
    """Something to do after an answer: thank them, ask for advice, nudge once."""

    class Kind(models.TextChoices):
        THANK_YOU = "thank-you", "Thank them"
        ADVICE = "advice", "Ask for advice or a referral"
        PROGRESS = "progress", "Send a progress update"
        NUDGE = "nudge", "One polite nudge"
        TRY_AGAIN = "try-again", "Ask again, as they invited"
        THANK_YES = "thank-yes", "Thank them for the yes"
        OWN = "own", "Your own follow-up"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"
        DISMISSED = "dismissed", "Dismissed"

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    ask = models.ForeignKey(
        Ask, null=True, blank=True, on_delete=models.CASCADE, related_name="followups"
    )
    contact = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.SET_NULL, related_name="followups"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    text = models.CharField(max_length=300)
    due = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    done_on = models.DateField(null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due", "id"]
        indexes = [models.Index(fields=["owner", "status", "due"], name="followup_due")]

    def __str__(self) -> str:
        return self.text

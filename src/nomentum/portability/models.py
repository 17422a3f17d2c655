from django.conf import settings
from django.db import models


class PendingImport(models.Model):
    """An uploaded file between its preview and the confirmation of its import."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    token = models.CharField(max_length=43, unique=True)
    name = models.CharField(max_length=200)
    content = models.BinaryField()
    anyway = models.BooleanField(default=False)  # import rows the text check objects to
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return self.name

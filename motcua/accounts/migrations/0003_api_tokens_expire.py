import datetime as dt

from django.db import migrations, models


def give_every_token_an_expiry(apps, schema_editor):
    """Tokens issued before expiry existed get API_TOKEN_DAYS (90) from now: time to issue their successors."""
    from django.conf import settings

    from motcua.core import clock

    ApiToken = apps.get_model("accounts", "ApiToken")
    ApiToken.objects.filter(expires_at__isnull=True).update(
        expires_at=clock.now() + dt.timedelta(days=getattr(settings, "API_TOKEN_DAYS", 90))
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_login_throttle_per_user_name_and_address"),
    ]

    operations = [
        migrations.RunPython(give_every_token_an_expiry, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(verbose_name="expires at"),
        ),
    ]

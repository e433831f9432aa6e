"""Printing.scheme names what made each fingerprint. Those made before it (datasketch's SHA-1
of each shingle) are made again with archive/repeats.py's scheme, so that old and new
fingerprints are never compared; the stories found stay."""
from django.db import migrations, models


def refingerprint(apps, schema_editor):
    from archive import repeats

    repeats.refingerprint(apps.get_model("archive", "Printing"), apps.get_model("archive", "PrintingBand"))


def forget_fingerprints(apps, schema_editor):
    # The code before this migration cannot read these fingerprints: its `find_repeats`
    # fingerprints the articles again.
    apps.get_model("archive", "Printing").objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ('archive', '0004_printing'),
    ]

    operations = [
        migrations.AddField(
            model_name='printing',
            name='scheme',
            field=models.CharField(default='sha1/affine32', max_length=40, verbose_name='指纹算法'),
            preserve_default=False,
        ),
        migrations.RunPython(refingerprint, forget_fingerprints),
    ]

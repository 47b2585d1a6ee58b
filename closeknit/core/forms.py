from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Render every form field with our accessible field template."""

    field_template_name = "core/field.html"

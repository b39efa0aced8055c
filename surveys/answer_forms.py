"""The form a survey link opens: built from the round's template (its areas, scale, role bands and questions).

Plain radios and textareas in a POST form, so that it works without JavaScript. Every choice comes from a fixed
list; free text is refused with control characters, over ANSWER_LIMIT, or with anything the identifier scanner
finds (surveys/answering.py says why, and checks it all again when saving).
"""

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import HTML, Button, Field, Layout, Size
from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.html import escape, format_html

from common.forms import GovUKFormMixin, PlainTextValidator
from surveys import answering
from surveys.models import ANSWER_LIMIT

NO_NAMES = "Do not write names, or anything else that could identify a child, a family or a colleague."
YES, NO = "yes", "no"


class AnswerForm(GovUKFormMixin, forms.Form):
    submit_label = "Send your answers"

    def __init__(self, *args, template, **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = list(template.areas.all())
        self.questions = list(template.questions.order_by("position"))
        self.fields["agency_type"] = forms.ChoiceField(
            label="What type of agency do you work for?",
            choices=answering.AGENCY_TYPES.choices,
            widget=forms.RadioSelect,
            error_messages={
                "required": answering.AGENCY_TYPE_REQUIRED,
                "invalid_choice": answering.AGENCY_TYPE_REQUIRED,
            },
        )
        self.fields["role_band"] = forms.ChoiceField(
            label="Which best describes your role?",
            choices=template.role_band_choices,
            widget=forms.RadioSelect,
            error_messages={
                "required": answering.ROLE_BAND_REQUIRED,
                "invalid_choice": answering.ROLE_BAND_REQUIRED,
            },
        )
        scale = [Choice(str(point), words) for point, words in template.scale]
        for area in self.areas:
            confidence = answering.confidence_required(area)
            self.fields[answering.confidence_field(area)] = forms.TypedChoiceField(
                label=escape(answering.confidence_question(area)),
                choices=scale,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": confidence, "invalid_choice": confidence},
            )
            trained = answering.trained_required(area)
            self.fields[answering.trained_field(area)] = forms.TypedChoiceField(
                label=format_html(
                    'Have you had training on this<span class="govuk-visually-hidden"> ({})</span> '
                    "in the last two years?",
                    area.name,
                ),
                choices=[Choice(YES, "Yes"), Choice(NO, "No")],
                coerce=lambda value: value == YES,
                widget=forms.RadioSelect,
                error_messages={"required": trained, "invalid_choice": trained},
            )
        for number, question in enumerate(self.questions, start=1):
            field = forms.CharField(
                label=f"{number}. {escape(question.text)} (optional)",
                help_text=NO_NAMES,
                required=False,
                max_length=ANSWER_LIMIT,
                widget=forms.Textarea(attrs={"rows": 5}),
                error_messages={"max_length": answering.too_long_message(number)},
            )
            field.validators = [
                *(v for v in field.validators if not isinstance(v, ProhibitNullCharactersValidator)),
                PlainTextValidator(answering.control_characters_message(number)),
            ]
            self.fields[answering.text_field(question)] = field
        self.helper.label_size = self.helper.legend_size = Size.SMALL
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            *self.layout_fields(),
            Button.primary("submit", self.submit_label, data_prevent_double_click="true"),
        )

    def layout_fields(self):
        if not hasattr(self, "areas"):
            return []  # GovUKFormMixin lays out again once the template's fields are there
        items = [
            HTML('<h2 class="govuk-heading-m">About you</h2>'),
            Field.radios("agency_type", small=True),
            Field.radios("role_band", small=True),
            HTML('<h2 class="govuk-heading-m">Your confidence and training</h2>'),
        ]
        for area in self.areas:
            items.append(HTML(format_html('<h3 class="govuk-heading-s">{}</h3>', area.name)))
            items.append(Field.radios(answering.confidence_field(area), small=True))
            items.append(Field.radios(answering.trained_field(area), small=True, inline=True))
        items.append(HTML('<h2 class="govuk-heading-m">The review\'s questions for professionals</h2>'))
        items.append(
            HTML('<p class="govuk-body">Answer any you wish to, in your own words. ' + escape(NO_NAMES) + "</p>")
        )
        items += [
            Field.textarea(answering.text_field(question), rows=5, max_characters=ANSWER_LIMIT)
            for question in self.questions
        ]
        return items

    def clean(self):
        cleaned = super().clean()
        for number, question in enumerate(self.questions, start=1):
            name = answering.text_field(question)
            if name in self._errors or not cleaned.get(name):
                continue
            refusal = answering.text_refusal(number, cleaned[name])
            if refusal:
                self.add_error(name, refusal)
        return cleaned

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "agency_type": data["agency_type"],
            "role_band": data["role_band"],
            "areas": {
                area.code: answering.AreaChoice(
                    confidence=data[answering.confidence_field(area)],
                    trained=data[answering.trained_field(area)],
                )
                for area in self.areas
            },
            "texts": {question.code: data.get(answering.text_field(question)) or "" for question in self.questions},
        }

"""Serializer fields that take a JSON value of exactly their type, for every input
serializer of the API."""

from rest_framework import serializers

_JSON_TYPE_NAMES = {
    bool: "true or false",
    int: "a number",
    float: "a number",
    str: "a string",
    list: "a list",
    dict: "an object",
}


class _StrictJSONType:
    """Refuse a JSON value of the wrong type instead of coercing it: DRF would take
    `"3"` for 3, `3` for "3" and `123` for a UUID; this API says it is the wrong type."""

    json_type: type = str

    def to_internal_value(self, data):
        if type(data) is not self.json_type:
            wanted = _JSON_TYPE_NAMES[self.json_type]
            got = "null" if data is None else _JSON_TYPE_NAMES.get(type(data), "another type")
            raise serializers.ValidationError(f"Must be {wanted}, not {got}.", code="invalid")
        return super().to_internal_value(data)


class StrictCharField(_StrictJSONType, serializers.CharField):
    pass


class StrictSlugField(_StrictJSONType, serializers.SlugField):
    pass


class StrictEmailField(_StrictJSONType, serializers.EmailField):
    pass


class StrictUUIDField(_StrictJSONType, serializers.UUIDField):
    pass


class StrictIntegerField(_StrictJSONType, serializers.IntegerField):
    """A whole JSON number (not a string, float or boolean), by default from 1 to the
    largest id a database column holds, so an absurd id is a 400, never a database error."""

    json_type = int

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(**kwargs)


class StrictChoiceField(_StrictJSONType, serializers.ChoiceField):
    pass

"""Page-number pagination for every list of the API (`DEFAULT_PAGINATION_CLASS`)."""

import re

from rest_framework import exceptions, pagination

_WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")


class PageNumberPagination(pagination.PageNumberPagination):
    """`?page=` and `?page_size=` (1–100). A malformed number is a 400; a page past the
    end is a 404."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def _whole_number(self, request, name: str, default: int, maximum: int | None) -> int:
        raw = request.query_params.get(name)
        if raw is None:
            return default
        if not _WHOLE_NUMBER.fullmatch(raw) or int(raw) < 1 or (maximum and int(raw) > maximum):
            limit = f" to {maximum}" if maximum else " or more"
            raise exceptions.ValidationError({name: [f"Give a whole number from 1{limit}."]})
        return int(raw)

    def get_page_number(self, request, paginator):
        return self._whole_number(request, self.page_query_param, 1, None)

    def get_page_size(self, request):
        return self._whole_number(
            request, self.page_size_query_param, self.page_size, self.max_page_size
        )

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            parameter["schema"]["maximum"] = 999_999_999
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = self.max_page_size
                parameter["description"] = (
                    f"Results per page, 1 to {self.max_page_size} (default {self.page_size})."
                )
        return parameters

    def get_paginated_response_schema(self, schema):
        paginated = super().get_paginated_response_schema(schema)
        paginated["properties"]["count"].update(minimum=0, example=42)
        paginated["properties"]["next"]["example"] = (
            "https://careers.example.org/api/v1/careers/?page=3"
        )
        paginated["properties"]["previous"]["example"] = (
            "https://careers.example.org/api/v1/careers/?page=1"
        )
        return paginated

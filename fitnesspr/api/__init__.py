"""API conventions: every endpoint under /api/v1/ follows them (accounts/api/ is the worked example).

- Routes: plural kebab-case resources in each app's `api_urlpatterns` (an app router, never one giant
  router), URL names in the `api` namespace. Objects are addressed by UUID through the `object_id`
  converter (`ScopedViewSetMixin` sets it), so a malformed id answers the JSON 404.
- Access: lists come from the app's list selector scoped to `request.user`, objects from the model's
  `<model>_get_for_user` helper (mixins.ScopedViewSetMixin). Someone else's object answers 404, exactly
  like a missing one. Writes that name other objects fetch them through their access helpers too. A `client`
  query parameter goes through accounts.selectors.client_get_for_user (a filterset: accounts.api.filters.
  ClientFilter; an APIView: schema.client_parameter): someone who is not yours answers 404, never an empty list.
- Roles: an endpoint meant for one role answers 403 to the other on its collection actions
  (permissions.IsTrainer / IsClient); object URLs never answer 403, only 404.
- Thin views: an input serializer checks the shape, a service does the work (its ApplicationError
  becomes the error response), an output serializer renders. No business rules in serializers.
- Errors: one shape for every 4xx/5xx, `{"error": {"code", "message", "fields"}}`, made by
  errors.exception_handler; nested field errors are named `a.b` / `items.0.reps`.
- Lists: page-number pagination (20, at most 100; a page past the end is 404), a django-filter
  `filterset_class`, explicit `ordering_fields` and a default `ordering` (filters.OrderingFilter adds the
  primary key as a tie-breaker and refuses `"__all__"`). Booleans use filters.BooleanFilter (strict).
- Bodies: JSON only (parsers.JSONParser, size-limited like Django's DATA_UPLOAD_MAX_MEMORY_SIZE); an
  upload endpoint sets `parser_classes = (MultiPartParser,)`.
- Throttling: `anon` and `user` everywhere; `auth` (throttling.AUTH_THROTTLES + `throttle_scope = "auth"`)
  on endpoints that take credentials or tokens. Rates: REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"].
- Schema: `@extend_schema(tags=..., summary=..., description=...)` on every operation; schema.AutoSchema
  adds the standard error responses (400/401/403/404/429 as they apply), and `error_responses(409, ...)`
  adds specific ones. `manage.py spectacular --validate --fail-on-warn` must stay clean (a test runs it).
- Tests: `fitnesspr.tests.api.assert_error(response, status, code)`; a "stranger gets 404" test per
  object endpoint (the route walk, fitnesspr/tests/test_route_access.py, checks every object URL once its
  factory is registered in `<app>/tests/routes.py`); list query counts pinned at two data sizes.
"""

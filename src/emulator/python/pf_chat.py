"""Prompt rendering and the built-in llm tool (chat API), as promptflow-tools does them, on the standard library.

- Templates render with Jinja2, `trim_blocks=True, keep_trailing_newline=True`, in Jinja2's sandbox unless
  PF_USE_SANDBOX_FOR_JINJA is "false" (promptflow-tools `common.py`, `render_jinja_template`).
- Role lines that a flow input brings in are escaped before rendering and restored after the split, so a
  user's text cannot open a message of its own (`Escaper`, `PromptResult` in `common.py`).
- The rendered text becomes chat messages by `parse_chat`'s rules: role lines, `name:` / `content:` and
  `tool_call_id:` blocks, an assistant's `tool_calls:` list.
- The request is the one the OpenAI SDK sends for the AzureOpenAI / OpenAI tools' `chat`, over urllib with
  the job's CA file; a service error becomes prompt flow's `WrappedOpenAIError` with the service's body.
"""

import ast
import json
import os
import re
import ssl
import urllib.error
import urllib.request
import uuid
from typing import Any, Dict, List, Optional, Tuple

from pf_errors import (
    ChatAPIFunctionRoleInvalidFormat,
    ChatAPIInvalidRole,
    ChatAPIToolRoleInvalidFormat,
    JinjaTemplateError,
    LLMError,
    WrappedOpenAIError,
)
from promptflow.connections import AZURE_OPENAI_API_VERSION

VALID_ROLES = ["system", "user", "assistant", "function", "tool"]
ROLE_LINE = r"(?i)^\s*#?\s*(" + "|".join(VALID_ROLES) + r")\s*:\s*\n"

# The chat tool's own parameters; every other input of an llm node is a template variable.
LLM_PARAMETERS = {
    "temperature", "top_p", "n", "stream", "stop", "max_tokens", "presence_penalty", "frequency_penalty",
    "logit_bias", "user", "function_call", "functions", "tool_choice", "tools", "response_format", "seed",
}  # fmt: skip
# Node inputs that are not template variables either.
LLM_CONTROL_INPUTS = {"connection", "deployment_name", "model", "prompt"}

DEFAULT_OPENAI_BASE = "https://api.openai.com/v1"
REQUEST_TIMEOUT_SECONDS = 600

# The OpenAI SDK's error class for each HTTP status; its name is the innermost error code.
STATUS_ERRORS = {
    400: "BadRequestError",
    401: "AuthenticationError",
    403: "PermissionDeniedError",
    404: "NotFoundError",
    409: "ConflictError",
    422: "UnprocessableEntityError",
    429: "RateLimitError",
}


# --- rendering ---------------------------------------------------------------------------------------
class PromptResult(str):
    """A prompt node's output: the rendered text, plus the escaped form an llm node reading it uses."""

    def __new__(cls, text: str, escaped: str = "", mapping: Optional[Dict[str, str]] = None):
        result = super().__new__(cls, text)
        result.escaped_string = escaped
        result.escaped_mapping = mapping or {}
        return result


class ChatInputList(list):
    """A list template variable of an llm node renders as its items, one a line (not as a Python list)."""

    def __str__(self) -> str:
        return "\n".join(map(str, self))


def to_chat_inputs(value):
    if isinstance(value, dict):
        return {k: to_chat_inputs(v) for k, v in value.items()}
    if isinstance(value, list):
        return ChatInputList(to_chat_inputs(v) for v in value)
    return value


def render(template: str, variables: Dict[str, Any], escapes: Optional[Dict[str, str]] = None) -> str:
    """Render a template as prompt flow does; a Jinja2 error becomes `JinjaTemplateError`."""
    import jinja2  # Checked at start-up: a flow with prompt or llm nodes does not start without it.
    from jinja2.sandbox import SandboxedEnvironment

    try:
        options = {"trim_blocks": True, "keep_trailing_newline": True}
        if os.environ.get("PF_USE_SANDBOX_FOR_JINJA", "true").lower() == "false":
            return jinja2.Template(template, **options).render(**variables)
        return SandboxedEnvironment(**options).from_string(template).render(**variables)
    except Exception as e:
        detail = unescape(str(e), escapes or {})
        raise JinjaTemplateError(
            message=f"Failed to render jinja template: {type(e).__name__}: {detail}. "
            "Please modify your prompt to fix the issue."
        ) from e


def template_syntax_error(template: str) -> Optional[Exception]:
    """The Jinja2 syntax error of a template, if any (prompt flow fails the tool's load on it)."""
    import jinja2

    try:
        jinja2.Environment(trim_blocks=True, keep_trailing_newline=True).parse(template)
        return None
    except jinja2.TemplateSyntaxError as e:
        return e


# --- escaping role lines that come from flow inputs ----------------------------------------------------
def _collect_roles(value, escapes: Dict[str, str]) -> None:
    if isinstance(value, str):
        for role in re.findall(ROLE_LINE, value, flags=re.MULTILINE):
            if role not in escapes.values():
                # One placeholder per spelling of the role, so each restores to what the user wrote.
                escapes[str(uuid.uuid4())] = role
    elif isinstance(value, dict):
        for item in value.values():
            _collect_roles(item, escapes)
    elif isinstance(value, list):
        for item in value:
            _collect_roles(item, escapes)


def _escape(value, escapes: Dict[str, str]):
    if isinstance(value, str) and not isinstance(value, PromptResult):
        for placeholder, role in escapes.items():
            value = value.replace(role, placeholder)
        return value
    if isinstance(value, ChatInputList):
        return ChatInputList(_escape(v, escapes) for v in value)
    if isinstance(value, dict):
        return {k: _escape(v, escapes) for k, v in value.items()}
    return value


def unescape(value, escapes: Dict[str, str]):
    if not escapes:
        return value
    if isinstance(value, str):
        for placeholder, role in escapes.items():
            value = value.replace(placeholder, role)
        return value
    if isinstance(value, list):
        return [
            {**item, "text": unescape(item["text"], escapes)} if isinstance(item, dict) and "text" in item else item
            for item in value
        ]
    return value


def escaped_variables(variables: Dict[str, Any], flow_input_names: List[str]) -> Tuple[Dict[str, Any], Dict[str, str]]:
    """The template variables with role lines of flow inputs (and of earlier prompt results) escaped."""
    escapes: Dict[str, str] = {}
    for value in variables.values():
        if isinstance(value, PromptResult) and value.escaped_mapping:
            escapes.update(value.escaped_mapping)
    for name in flow_input_names:
        if name in variables:
            _collect_roles(variables[name], escapes)
    updated = {}
    for name, value in variables.items():
        if isinstance(value, PromptResult) and value.escaped_mapping:
            updated[name] = value.escaped_string
        elif name in flow_input_names:
            updated[name] = _escape(value, escapes)
        else:
            updated[name] = value
    return updated, escapes


def render_prompt(template: str, variables: Dict[str, Any], flow_input_names: List[str]) -> PromptResult:
    """The prompt tool: the rendered text, and its escaped form when a flow input held role lines."""
    result = PromptResult(render(template, variables))
    updated, escapes = escaped_variables(variables, flow_input_names)
    if escapes:
        result.escaped_string = render(template, updated, escapes)
        result.escaped_mapping = escapes
    return result


# --- splitting into messages -----------------------------------------------------------------------------
def _name_and_content(text: str) -> Optional[Tuple[str, str]]:
    match = re.search(r"\n*#{0,2}\s*name\s*:\s*\n+\s*(\S+)\s*\n*#{0,2}\s*content\s*:\s*\n?(.*)", text, re.DOTALL)
    return (match.group(1), match.group(2)) if match else None


def _tool_call_id_and_content(text: str) -> Optional[Tuple[str, str]]:
    match = re.search(
        r"\n*#{0,2}\s*tool_call_id\s*:\s*\n+\s*(\S+)\s*\n*#{0,2}\s*content\s*:\s*\n?(.*)", text, re.DOTALL
    )
    return (match.group(1), match.group(2)) if match else None


def _tool_calls(text: str) -> Optional[list]:
    match = re.search(r"\n*#{0,2}\s*tool_calls\s*:\s*\n+\s*(\[.*?\])", text, re.DOTALL)
    if not match:
        return None
    try:
        return ast.literal_eval(match.group(1))
    except Exception:
        return None


def _invalid_role(role: str, escapes: Dict[str, str]) -> ChatAPIInvalidRole:
    roles = ",".join(f"'{r}:\\n'" for r in VALID_ROLES)
    return ChatAPIInvalidRole(
        message="The Chat API requires a specific format for prompt definition, and the prompt should include "
        f"separate lines as role delimiters: {roles}. Current parsed role '{unescape(role, escapes)}' does not meet "
        "the requirement. If you intend to use the Completion API, please select the appropriate API type and "
        "deployment name. If you do intend to use the Chat API, please refer to the guideline at "
        "https://aka.ms/pfdoc/chat-prompt or view the samples in our gallery that contain 'Chat' in the name."
    )


def parse_chat(text: str, escapes: Optional[Dict[str, str]] = None) -> List[dict]:
    """Split a rendered chat prompt into messages (promptflow-tools `parse_chat`, without images)."""
    escapes = escapes or {}
    # re.split with one group alternates: text before the first role line, role, its text, role, …
    pieces = re.split(ROLE_LINE, text, flags=re.MULTILINE)
    messages: List[dict] = []
    for piece in pieces:
        last = messages[-1] if messages else None
        awaiting_body = last is not None and "content" not in last and "tool_calls" not in last
        if awaiting_body and last["role"] == "tool":
            parsed = _tool_call_id_and_content(piece)
            if parsed is None:
                raise ChatAPIToolRoleInvalidFormat(
                    message="Failed to parse tool role prompt. Please make sure the prompt follows the format: "
                    "'tool_call_id:\\ntool_call_id\\ncontent:\\ntool_content'. 'tool_call_id' is required if role "
                    "is tool, and it should be the tool call that this message is responding to. See more details "
                    "in https://platform.openai.com/docs/api-reference/chat/create#chat-create-messages"
                )
            last["tool_call_id"], last["content"] = parsed[0], parsed[1].strip()
            continue
        if awaiting_body and last["role"] == "assistant":
            calls = _tool_calls(piece)
            if calls is not None:
                last["tool_calls"] = calls
                continue
        if awaiting_body:
            parsed = _name_and_content(piece)
            if parsed is not None:
                last["name"], last["content"] = parsed[0], parsed[1].strip()
            elif last["role"] == "function":
                raise ChatAPIFunctionRoleInvalidFormat(
                    message="Failed to parse function role prompt. Please make sure the prompt follows the format: "
                    "'name:\\nfunction_name\\ncontent:\\nfunction_content'. 'name' is required if role is function, "
                    "and it should be the name of the function whose response is in the content. May contain a-z, "
                    "A-Z, 0-9, and underscores, with a maximum length of 64 characters. See more details in "
                    "https://platform.openai.com/docs/api-reference/chat/create#chat/create-name or view sample "
                    "'How to use functions with chat models' in our gallery."
                )
            else:
                last["content"] = piece.strip()
            continue
        if piece.strip() == "":
            continue
        role = piece.strip().lower()
        if role not in VALID_ROLES:
            raise _invalid_role(role, escapes)
        messages.append({"role": role})
    return messages


def build_messages(template: str, variables: Dict[str, Any], flow_input_names: List[str]) -> List[dict]:
    """Render an llm node's template and split it, with role lines from flow inputs kept as text."""
    updated, escapes = escaped_variables(to_chat_inputs(variables), flow_input_names)
    messages = parse_chat(render(template, updated, escapes), escapes)
    return [{k: unescape(v, escapes) for k, v in m.items()} for m in messages]


# --- the request ----------------------------------------------------------------------------------------
def chat_request(
    provider: str, connection: Dict[str, Any], model: str, messages: List[dict], params: Dict[str, Any]
) -> Tuple[str, Dict[str, str], Dict[str, Any]]:
    """URL, headers and JSON body of the chat completions call the AzureOpenAI / OpenAI tool makes."""
    body: Dict[str, Any] = {
        "model": model,
        "messages": messages,
        "temperature": float(params.get("temperature", 1.0)),
        "top_p": float(params.get("top_p", 1.0)),
        "n": int(params.get("n", 1)),
        "stream": False,
    }
    # Only what is set goes into the body, as the tool leaves empty values out.
    if params.get("tools"):
        body["tools"] = params["tools"]
        body["tool_choice"] = params.get("tool_choice") or "auto"
    elif params.get("functions"):
        body["functions"] = params["functions"]
        body["function_call"] = params.get("function_call") or "auto"
    if params.get("stop"):
        body["stop"] = params["stop"]
    max_tokens = params.get("max_tokens")
    if max_tokens is not None and max_tokens != "" and str(max_tokens).lower() != "inf":
        body["max_tokens"] = int(max_tokens)
    for key in ("logit_bias", "response_format", "user"):
        if params.get(key):
            body[key] = params[key]
    for key in ("seed", "presence_penalty", "frequency_penalty"):
        if params.get(key) is not None and params.get(key) != "":
            body[key] = params[key]

    headers = {"Content-Type": "application/json"}
    key = connection.get("api_key") or ""
    if provider == "AzureOpenAI":
        base = str(connection.get("api_base") or "").rstrip("/")
        version = connection.get("api_version") or AZURE_OPENAI_API_VERSION
        url = f"{base}/openai/deployments/{model}/chat/completions?api-version={version}"
        headers["api-key"] = key
        headers["ms-azure-ai-promptflow-called-from"] = "aoai-tool"
    else:
        base = str(connection.get("base_url") or connection.get("api_base") or DEFAULT_OPENAI_BASE).rstrip("/")
        url = f"{base}/chat/completions"
        headers["Authorization"] = f"Bearer {key}"
        if connection.get("organization"):
            headers["OpenAI-Organization"] = connection["organization"]
    return url, headers, body


def send_chat(url: str, headers: Dict[str, str], body: Dict[str, Any], ca_file: Optional[str]) -> dict:
    """POST the request; the parsed answer, or `WrappedOpenAIError` with the status and the service's body."""
    request = urllib.request.Request(url, data=json.dumps(body).encode("utf-8"), headers=headers, method="POST")
    context = ssl.create_default_context(cafile=ca_file) if ca_file and url.startswith("https:") else None
    try:
        with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT_SECONDS, context=context) as response:
            raw = response.read()
    except urllib.error.HTTPError as e:
        text = e.read().decode("utf-8", "replace").strip()
        try:
            detail = f"Error code: {e.code} - {json.loads(text)}"
        except ValueError:
            detail = text or f"Error code: {e.code}"
        kind = STATUS_ERRORS.get(e.code, "InternalServerError" if e.code >= 500 else "APIStatusError")
        raise WrappedOpenAIError(kind, detail) from None
    except TimeoutError:
        raise WrappedOpenAIError("APITimeoutError", "Request timed out.") from None
    except (urllib.error.URLError, OSError):
        raise WrappedOpenAIError("APIConnectionError", "Connection error.") from None
    try:
        return json.loads(raw)
    except ValueError as e:
        raise LLMError(message=f"OpenAI API hits exception: {type(e).__name__}: {e}") from None


def chat_output(answer: dict, wants_message: bool) -> Tuple[Any, Optional[dict]]:
    """The node's output (the first choice's content, or its message when tools or functions were sent)
    and the token counts of the answer's `usage`."""
    choices = answer.get("choices") or []
    message = (choices[0].get("message") if choices else None) or {}
    usage = answer.get("usage")
    tokens = None
    if isinstance(usage, dict):
        tokens = {k: int(usage.get(k) or 0) for k in ("prompt_tokens", "completion_tokens", "total_tokens")}
    if wants_message:
        return message, tokens
    return message.get("content") or "", tokens

"""TEST DOUBLE of agent_framework.openai: a chat client that sends the real Chat Completions request.

It POSTs what agent-framework-openai's OpenAIChatCompletionClient sends (through the openai SDK) to the
address the real client would use, with the standard library only, and reads the answer back. See ../../README.md.
"""

import asyncio
import json
import os
import ssl
import urllib.error
import urllib.parse
import urllib.request

from agent_framework import Message

# agent-framework-openai's default Azure OpenAI api-version for chat completions.
DEFAULT_AZURE_API_VERSION = "2024-12-01-preview"
DEFAULT_OPENAI_BASE_URL = "https://api.openai.com/v1"
# Option names the client renames for the Chat Completions API; these are dropped from the body.
_RENAMED = {"max_tokens": "max_completion_tokens", "allow_multiple_tool_calls": "parallel_tool_calls"}
_NOT_SENT = {"instructions", "tools", "conversation_id"}


class ChatResponse:
    def __init__(self, text, *, response_id=None, model=None, usage_details=None, finish_reason=None):
        self.messages = [Message("assistant", [text])]
        self.text = text
        self.response_id = response_id
        self.model = model
        self.usage_details = usage_details
        self.finish_reason = finish_reason


class OpenAIChatCompletionClient:
    def __init__(
        self,
        model=None,
        *,
        api_key=None,
        credential=None,
        org_id=None,
        default_headers=None,
        async_client=None,
        instruction_role=None,
        response_parser=None,
        message_preparer=None,
        base_url=None,
        azure_endpoint=None,
        api_version=None,
        middleware=None,
        function_invocation_configuration=None,
        env_file_path=None,
        env_file_encoding=None,
    ):
        if not model:
            raise ValueError("model must be a non-empty string")
        self.model = model
        self.api_key = api_key
        self.org_id = org_id
        self.base_url = base_url
        self.azure_endpoint = azure_endpoint
        # As the real client routes: an Azure endpoint or credential means Azure OpenAI, else OpenAI.
        self._azure = azure_endpoint is not None or credential is not None
        self.api_version = (api_version or DEFAULT_AZURE_API_VERSION) if self._azure else None
        self.default_headers = dict(default_headers or {})
        if not api_key:
            raise ValueError("The double takes an api_key (credential-based auth is not covered).")

    def _request(self, body):
        headers = {"content-type": "application/json", **self.default_headers}
        if self._azure:
            deployment = urllib.parse.quote(self.model, safe="")
            query = urllib.parse.urlencode({"api-version": self.api_version})
            url = f"{self.azure_endpoint.rstrip('/')}/openai/deployments/{deployment}/chat/completions?{query}"
            headers["api-key"] = self.api_key
        else:
            url = f"{(self.base_url or DEFAULT_OPENAI_BASE_URL).rstrip('/')}/chat/completions"
            headers["authorization"] = f"Bearer {self.api_key}"
            if self.org_id:
                headers["openai-organization"] = self.org_id
        return urllib.request.Request(url, data=json.dumps(body).encode("utf-8"), headers=headers, method="POST")

    def _body(self, messages, options):
        options = {k: v for k, v in (options or {}).items() if v is not None}
        instructions = options.get("instructions")
        sent = [{"role": "system", "content": instructions}] if instructions else []
        for m in messages:
            if not isinstance(m, Message):
                raise TypeError("messages must be Message objects")
            # Text-only contents travel as one string, the parts joined with newlines.
            sent.append({"role": m.role, "content": "\n".join(c for c in m.contents if isinstance(c, str))})
        body = {k: v for k, v in options.items() if k not in _NOT_SENT}
        for old, new in _RENAMED.items():
            if old in body:
                body[new] = body.pop(old)
        body["messages"] = sent
        body.setdefault("model", self.model)
        return body

    def _post(self, request):
        # Trusts the CA bundle named by SSL_CERT_FILE (the emulator's), as the openai SDK's httpx does.
        context = ssl.create_default_context(cafile=os.environ.get("SSL_CERT_FILE") or None)
        try:
            with urllib.request.urlopen(request, context=context, timeout=60) as response:
                return json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as e:
            detail = e.read().decode("utf-8", "replace")
            raise RuntimeError(f"{type(self)} service failed to complete the prompt: Error code: {e.code} - {detail}") from None

    async def get_response(self, messages, *, stream=False, options=None, compaction_strategy=None, tokenizer=None, function_invocation_kwargs=None, client_kwargs=None):
        if stream:
            raise NotImplementedError("The double does not stream.")
        answer = await asyncio.to_thread(self._post, self._request(self._body(messages, options)))
        choice = answer["choices"][0]
        usage = answer.get("usage")
        return ChatResponse(
            choice["message"].get("content") or "",
            response_id=answer.get("id"),
            model=answer.get("model"),
            finish_reason=choice.get("finish_reason"),
            usage_details=usage
            and {
                "input_token_count": usage.get("prompt_tokens"),
                "output_token_count": usage.get("completion_tokens"),
                "total_token_count": usage.get("total_tokens"),
            },
        )

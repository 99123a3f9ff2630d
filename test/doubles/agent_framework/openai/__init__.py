"""TEST DOUBLE of agent_framework.openai: a chat client that answers deterministically, offline."""

import json

from agent_framework import Message


class ChatResponse:
    def __init__(self, text):
        self.messages = [Message("assistant", [text])]
        self.text = text


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
        self.model = model
        self.api_key = api_key
        self.base_url = base_url
        self.azure_endpoint = azure_endpoint

    async def get_response(self, messages, *, stream=False, options=None, compaction_strategy=None, tokenizer=None, function_invocation_kwargs=None, client_kwargs=None):
        for m in messages:
            if not isinstance(m, Message):
                raise TypeError("messages must be Message objects")
        said = "/".join(f"{m.role}:{m.text}" for m in messages)
        return ChatResponse(f"{self.model}|{said}|{json.dumps(options or {}, sort_keys=True)}")

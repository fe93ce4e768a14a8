package io.beep.queryside.attachment;

import io.beep.contracts.common.Page;
import io.beep.contracts.message.MessageView;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Puts fresh download links on the attachments of every message answered (one message or a page of
 * them), whichever controller read it: the views store files without links, links expire.
 */
@RestControllerAdvice
class MessageAttachmentLinks implements ResponseBodyAdvice<Object> {

    private final AttachmentLinks links;

    MessageAttachmentLinks(AttachmentLinks links) {
        this.links = links;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType selectedContentType,
                                  Class<? extends HttpMessageConverter<?>> selectedConverterType,
                                  ServerHttpRequest request, ServerHttpResponse response) {
        if (body instanceof MessageView message) {
            return links.withLinks(message);
        }
        if (body instanceof Page<?> page && page.items().stream().anyMatch(MessageAttachmentLinks::hasFiles)) {
            return Page.of(page.items().stream()
                    .map(item -> item instanceof MessageView message ? links.withLinks(message) : item)
                    .toList(), page.nextCursor());
        }
        return body;
    }

    private static boolean hasFiles(Object item) {
        return item instanceof MessageView message && message.attachments() != null
                && !message.attachments().isEmpty();
    }
}

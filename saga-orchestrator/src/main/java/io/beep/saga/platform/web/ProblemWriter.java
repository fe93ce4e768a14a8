package io.beep.saga.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.beep.contracts.common.ErrorCode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** Builds and writes RFC 9457 problem+json answers with a stable {@code code}. */
public final class ProblemWriter {

    public static final String MEDIA_TYPE = "application/problem+json";
    private final ObjectMapper mapper;

    public ProblemWriter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public static ProblemDetail problem(ErrorCode code, String detail) {
        var status = HttpStatus.valueOf(code.httpStatus());
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://beep.io/problems/" + code.name().toLowerCase(Locale.ROOT).replace('_', '-')));
        problem.setTitle(status.getReasonPhrase());
        problem.setProperty("code", code.name());
        return problem;
    }

    public void write(HttpServletResponse response, ErrorCode code, String detail) throws IOException {
        response.setStatus(code.httpStatus());
        response.setContentType(MEDIA_TYPE);
        mapper.writeValue(response.getOutputStream(), problem(code, detail));
    }
}

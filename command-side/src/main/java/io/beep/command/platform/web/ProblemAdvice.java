package io.beep.command.platform.web;

import io.beep.contracts.common.DomainException;

import io.beep.contracts.common.DomainErrorDetails;
import io.beep.contracts.common.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** The one place where failures become problem+json answers. */
@RestControllerAdvice
public class ProblemAdvice {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    @ExceptionHandler(DomainException.class)
    ResponseEntity<ProblemDetail> domain(DomainException e, HttpServletRequest request) {
        return answer(e.code(), e.getMessage(), request);
    }

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ProblemDetail> command(CommandExecutionException e, HttpServletRequest request) {
        var details = e.getDetails().filter(DomainErrorDetails.class::isInstance).map(DomainErrorDetails.class::cast);
        if (details.isPresent()) {
            return answer(details.get().code(), details.get().message(), request);
        }
        if (e.getCause() instanceof ConcurrencyException) {
            return answer(ErrorCode.CONFLICT, "the resource changed concurrently; retry", request);
        }
        log.error("command failed", e);
        return answer(ErrorCode.INTERNAL, "the command failed", request);
    }

    @ExceptionHandler({AggregateStreamCreationException.class, ConcurrencyException.class})
    ResponseEntity<ProblemDetail> concurrency(RuntimeException e, HttpServletRequest request) {
        return answer(ErrorCode.CONFLICT, "the resource already exists or changed concurrently", request);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        var cause = e.getMostSpecificCause();
        var detail = cause instanceof DomainException d ? d.getMessage() : "malformed JSON body";
        if (cause instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException f && f.getPath() != null
                && !f.getPath().isEmpty()) {
            detail = "invalid value for " + f.getPath().get(f.getPath().size() - 1).getFieldName();
        }
        return answer(ErrorCode.VALIDATION_FAILED, detail, request);
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingRequestHeaderException.class,
            IllegalArgumentException.class})
    ResponseEntity<ProblemDetail> badArgument(Exception e, HttpServletRequest request) {
        return answer(ErrorCode.VALIDATION_FAILED, "invalid request: " + e.getMessage(), request);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> mediaType(Exception e, HttpServletRequest request) {
        return answer(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "send application/json", request);
    }

    @ExceptionHandler({NoResourceFoundException.class, HttpRequestMethodNotSupportedException.class})
    ResponseEntity<ProblemDetail> noRoute(Exception e, HttpServletRequest request) {
        return answer(ErrorCode.NOT_FOUND, "no such route", request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        log.error("unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
        return answer(ErrorCode.INTERNAL, "unexpected failure", request);
    }

    private static ResponseEntity<ProblemDetail> answer(ErrorCode code, String detail, HttpServletRequest request) {
        var problem = ProblemWriter.problem(code, detail);
        problem.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(HttpStatusCode.valueOf(code.httpStatus()))
                .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
                .body(problem);
    }
}

package io.sightline.sample.services;

import io.helidon.webserver.http.ServerRequest;

/**
 * One endpoint's business logic. It runs inside the request's server span; it may throw
 * {@link BadRequestException} (answered 400) or any other runtime exception (answered 500).
 */
@FunctionalInterface
interface RouteHandler {
    Reply handle(ServerRequest request);
}

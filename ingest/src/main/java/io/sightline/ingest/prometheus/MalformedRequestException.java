package io.sightline.ingest.prometheus;

/** A request body that cannot be decoded at all (bad compression, broken protobuf): HTTP 400. */
public final class MalformedRequestException extends RuntimeException {
    public MalformedRequestException(String message) {
        super(message);
    }
}

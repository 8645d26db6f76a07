# Sightline in one container: build with Maven on a JDK 25, run on a JRE 25 as a non-root user.
#   docker build -t sightline .
#   docker run -p 8080:8080 -p 4317:4317 -p 4318:4318 -v sightline-data:/var/lib/sightline sightline

FROM maven:3.9-eclipse-temurin-25 AS build
WORKDIR /src
# Dependencies first, so a source change does not download them again.
COPY pom.xml ./
COPY .mvn .mvn
COPY storage/pom.xml storage/
COPY ingest/pom.xml ingest/
COPY query/pom.xml query/
COPY ui/pom.xml ui/
COPY sample-api/pom.xml sample-api/
COPY appliance/pom.xml appliance/
RUN mvn -B -q -DskipTests -Dmaven.test.skip=true package || true
COPY . .
RUN mvn -B -q -DskipTests -Dmaven.test.skip=true package

FROM eclipse-temurin:25-jre
RUN groupadd --system --gid 10001 sightline \
 && useradd --system --uid 10001 --gid sightline --home-dir /var/lib/sightline --shell /usr/sbin/nologin sightline \
 && mkdir -p /var/lib/sightline/data \
 && chown -R sightline:sightline /var/lib/sightline
COPY --from=build /src/appliance/target/sightline.jar /opt/sightline/sightline.jar
USER sightline
WORKDIR /var/lib/sightline
# Every option is also an environment variable (see `--help`); these two make a container useful.
ENV SIGHTLINE_BIND=0.0.0.0 \
    SIGHTLINE_DATA_DIR=/var/lib/sightline/data
VOLUME ["/var/lib/sightline"]
EXPOSE 8080 4317 4318
HEALTHCHECK --interval=30s --timeout=10s --start-period=20s --retries=3 \
  CMD ["java", "-jar", "/opt/sightline/sightline.jar", "healthcheck"]
# The one JVM option with no manifest form (Chronicle Queue uses sun.misc.Unsafe); the jar's
# manifest carries the others.
ENTRYPOINT ["java", "--sun-misc-unsafe-memory-access=allow", "-jar", "/opt/sightline/sightline.jar"]
CMD ["serve"]

# One image for every Authpipe service; docker-compose.yml picks the main class per service.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests install -pl launcher -am

FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=build /src/launcher/target/authpipe.jar /app/authpipe.jar
COPY --from=build /src/launcher/target/lib /app/lib
USER 10001
ENTRYPOINT ["java", "-cp", "/app/authpipe.jar:/app/lib/*"]
CMD ["io.authpipe.launcher.Main"]

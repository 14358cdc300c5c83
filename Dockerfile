# Cerulean as a container: the static build served by nginx with deploy/nginx.conf.
#   docker build -t cerulean .                                  # served at /
#   docker build --build-arg BASE_PATH=/cerulean -t cerulean .  # served at /cerulean/
#   docker run -p 8080:8080 cerulean
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
ARG BASE_PATH=
RUN BASE_PATH=$BASE_PATH npx vite build

FROM nginx:1.27-alpine
ARG BASE_PATH=
COPY deploy/nginx.conf /etc/nginx/conf.d/default.conf
RUN sed -i "s#set \$cerulean_base /;#set \$cerulean_base $BASE_PATH/;#" /etc/nginx/conf.d/default.conf
COPY --from=build /app/build /usr/share/nginx/html$BASE_PATH
EXPOSE 8080

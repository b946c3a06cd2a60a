// Front-matter check while editing (VS Code extension unifiedjs.vscode-remark) and on the
// command line: the JSON Schemas are generated from plugins/qlee/content/fieldspec.py
// (`python3 run.py schema`); the folders are pelicanconf.py's ARTICLE_PATHS and PAGE_PATHS.
// Only the front matter is checked here; `python3 run.py check` checks everything.
import remarkFrontmatter from "remark-frontmatter";
import remarkLintFrontmatterSchema from "remark-lint-frontmatter-schema";

export default {
  plugins: [
    remarkFrontmatter,
    [
      remarkLintFrontmatterSchema,
      {
        schemas: {
          "schemas/article.schema.json": ["content/nachrichten/**/*.md", "content/kurse/**/*.md"],
          "schemas/page.schema.json": ["content/pages/**/*.md"],
        },
      },
    ],
  ],
};

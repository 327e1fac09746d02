import tseslint from "typescript-eslint";

export default tseslint.config(
    { ignores: ["node_modules/**", "dist/**", ".tmp/**", "bench/.work/**", "bench/.awsguard/**", ".stryker-tmp/**", "test/public-programs/**", "reports/**", "**/*.js", "!bin/*.js", "**/*.mjs"] },
    ...tseslint.configs.recommended,
    {
        rules: {
            "@typescript-eslint/no-require-imports": "off",
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
        },
    },
);
